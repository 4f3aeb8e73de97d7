using System.Text.RegularExpressions;

namespace CareTransitions.Intake;

/// <summary>
/// A regional sending system as its key identifies it. <see cref="Any"/> is the single <c>Intake:ApiKey</c> (and the
/// queue, which carries no key): it may send for every ward, and its messageIds are as they come. A named sender's
/// messageIds are its own (two systems may both send "1"), and it may send only for its care providers or wards.
/// </summary>
internal sealed partial record Sender(string Name, IReadOnlyList<string>? SendsFor)
{
    public static readonly Sender Any = new("default", null);

    /// <summary>The shared key or the queue: no list of wards binds it.</summary>
    public bool IsAnyWard => this.SendsFor is null;

    public bool MaySendFor(string wardHsaId) =>
        this.IsAnyWard
        || this.SendsFor!.Any(h => string.Equals(h, wardHsaId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(h, TransitionIds.Sender(wardHsaId), StringComparison.OrdinalIgnoreCase));

    /// <summary>The messageId as intake remembers it: the sender's name before it, unless the sender is <see cref="Any"/>.</summary>
    public string ScopedMessageId(string messageId) => this.IsAnyWard ? messageId : $"{this.Name}:{messageId}";
}

internal static partial class Senders
{
    public static bool IsHsaIdOrCareProvider(string text) => HsaId().IsMatch(text);

    [GeneratedRegex(@"^SE\d{10}(-[A-Za-z0-9]{1,31})?\z")]
    private static partial Regex HsaId();
}
