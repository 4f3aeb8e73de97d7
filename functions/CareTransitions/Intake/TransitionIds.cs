using System.Security.Cryptography;
using System.Text;

namespace CareTransitions.Intake;

/// <summary>
/// The transition (orchestration instance) id of an episode: a hash of the sending care provider and
/// its episode id, so every message of the episode finds the same instance — and the id reveals
/// nothing about the patient.
/// </summary>
internal static class TransitionIds
{
    public const string Prefix = "ct-";

    /// <summary>The care provider part of the ward's HSA-id (before the dash) is the sender.</summary>
    public static string Sender(string wardHsaId) => wardHsaId.Split('-', 2)[0];

    public static string For(string wardHsaId, string episodeId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Sender(wardHsaId)}\n{episodeId}"));
        return Prefix + Convert.ToHexStringLower(hash)[..32];
    }
}
