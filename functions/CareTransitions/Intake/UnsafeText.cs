namespace CareTransitions.Intake;

/// <summary>
/// Characters no field of a message may hold: control characters (a line break in a ward name wrote a fake line into
/// the plain-text email, a NUL went raw into it) and the invisible formatting ones that reorder or hide text on a page
/// or in a subject (bidirectional overrides and isolates, zero-width characters, the byte-order mark).
/// </summary>
internal static class UnsafeText
{
    public static bool Contains(string text) => text.Any(IsUnsafe);

    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || c is >= '\u200B' and <= '\u200F'     // zero-width space, joiners, LRM, RLM
        || c is >= '\u202A' and <= '\u202E'     // bidirectional embeddings and overrides
        || c is >= '\u2060' and <= '\u2064'     // word joiner, invisible operators
        || c is >= '\u2066' and <= '\u2069'     // bidirectional isolates
        || c == '\uFEFF';
}
