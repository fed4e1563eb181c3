namespace Vfip.Application.Common.Abstractions;

/// <summary>Absolute URLs the outside world uses to reach VFIP resources (tokenURI, images).</summary>
public interface IPublicLinks
{
    string DesignMetadata(string designId);

    string DesignImage(string designId, int index);
}
