using System.Security.Cryptography;
using System.Text;

namespace CareTransitions.Notifications;

/// <summary>
/// Message-IDs derived from what the email is about, never random: if a crash makes the workflow send
/// the same email again, the receiving side sees the same Message-ID and can drop the duplicate.
/// </summary>
internal static class MessageIds
{
    public static string For(string transitionId, string unitId, NotificationKind kind, string messageKey, string domain)
    {
        var key = string.IsNullOrEmpty(messageKey) ? string.Empty : "." + Hash(messageKey);
        return $"<{kind.ToString().ToLowerInvariant()}{key}.{Safe(unitId)}.{Safe(transitionId)}@{domain}>";
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string Safe(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
}
