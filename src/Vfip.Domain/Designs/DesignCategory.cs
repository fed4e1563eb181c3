namespace Vfip.Domain.Designs;

/// <summary>The garment taxonomy of the design of record. Serialised as snake_case (<c>full_look</c>).</summary>
public enum DesignCategory
{
    Other = 0,
    Top,
    Bottom,
    Dress,
    Outerwear,
    Footwear,
    Bag,
    Headwear,
    Accessory,
    Jewelry,
    FullLook,
    Textile,
}
