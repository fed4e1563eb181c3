namespace Vfip.Fingerprinting.Normalisation;

/// <summary>A rectangle in working-raster pixels, end-exclusive.</summary>
internal readonly record struct ContentBox(int X0, int Y0, int X1, int Y1)
{
    public int Width => X1 - X0;

    public int Height => Y1 - Y0;
}

/// <summary>Where the garment is and what surrounds it.</summary>
/// <param name="Box">The content box.</param>
/// <param name="Background">The background colour immediately around the box, when there is one.</param>
/// <param name="HasContent">False when nothing stands out from the background (a flat image).</param>
internal readonly record struct ContentLayout(ContentBox Box, (float R, float G, float B)? Background, bool HasContent)
{
    /// <summary>Foreground weight 0..1 of a pixel: how unlike the background colour it is (1 when there is none).</summary>
    public float Weight(float r, float g, float b) =>
        Background is { } background ? ContentNormaliser.ForegroundWeight(r, g, b, background) : 1f;
}
