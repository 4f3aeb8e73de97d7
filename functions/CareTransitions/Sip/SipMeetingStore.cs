using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CareTransitions.Configuration;
using CareTransitions.Handover;
using CareTransitions.Storage;

namespace CareTransitions.Sip;

/// <summary>The people named in the call: personal data, kept only sealed (<see cref="PersonalDataCipher"/>).</summary>
internal sealed record SipPeople(string? Patient, string? NextOfKin);

/// <summary>A SIP meeting as stored: one row per meeting, moved and cancelled in place with its sequence counted up.</summary>
internal sealed record SipMeeting(
    string MeetingId, string TransitionId, int Sequence, DateTimeOffset CalledAt, DateTimeOffset ChangedAt, DateTimeOffset Start, DateTimeOffset End,
    string? Place, string? VideoLink, IReadOnlyList<string> Participants, bool Cancelled, SipPeople People);

/// <summary>One participant's answer to the meeting's current time.</summary>
internal sealed record SipAnswer(string UnitId, int Sequence, string? Answer, string? Comment, DateTimeOffset? AnsweredAt);

/// <summary>What an answer link opens: one unit's answer to one version (sequence) of one meeting.</summary>
internal sealed record SipAnswerGrant(string TransitionId, string MeetingId, int Sequence, string UnitId, DateTimeOffset ExpiresAt, string? Answer, string? Comment);

/// <summary>
/// The SIP meetings (<c>sip_meetings</c>, the names sealed) and the participants' answer links (<c>sip_answers</c>): tokens
/// of 32 random bytes, stored as their SHA-256 hash, compared in constant time, expiring, as the acknowledgement links.
/// </summary>
internal sealed class SipMeetingStore(AppDatabase database, PersonalDataCipher cipher)
{
    public const string Kind = "sip";
    private const int TokenBytes = 32;

    /// <summary>The transition's latest meeting, cancelled or not; null when none was called.</summary>
    public async Task<SipMeeting?> LatestAsync(string transitionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync(
            """
            SELECT meeting_id, transition_id, sequence, called_at, changed_at, starts_at, ends_at, place, video_link, participants, cancelled, key_id, sealed
            FROM sip_meetings WHERE transition_id = @TransitionId ORDER BY id DESC LIMIT 1
            """,
            new { TransitionId = transitionId }, r => (SipMeeting?)this.Read(r), cancellationToken: cancellationToken);
    }

    /// <summary>One meeting as it stands now (its latest sequence), by its id; null when it is not stored.</summary>
    public async Task<SipMeeting?> MeetingAsync(string meetingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync(
            """
            SELECT meeting_id, transition_id, sequence, called_at, changed_at, starts_at, ends_at, place, video_link, participants, cancelled, key_id, sealed
            FROM sip_meetings WHERE meeting_id = @MeetingId
            """,
            new { MeetingId = meetingId }, r => (SipMeeting?)this.Read(r), cancellationToken: cancellationToken);
    }

    /// <summary>Whether a meeting is called and not cancelled, read without opening its sealed names (before any access decision).</summary>
    public async Task<bool> HasActiveMeetingAsync(string transitionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var cancelled = await connection.QuerySingleOrDefaultAsync(
            "SELECT cancelled FROM sip_meetings WHERE transition_id = @TransitionId ORDER BY id DESC LIMIT 1",
            new { TransitionId = transitionId }, r => (bool?)Convert.ToBoolean(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken: cancellationToken);
        return cancelled == false;
    }

    /// <summary>Stores a new meeting, or the latest one moved (its sequence counted up) or cancelled.</summary>
    public async Task SaveAsync(SipMeeting meeting, bool isNew, CancellationToken cancellationToken)
    {
        var sealedPeople = cipher.Seal(Kind, meeting.TransitionId, JsonSerializer.Serialize(meeting.People));
        var row = new
        {
            meeting.MeetingId, meeting.TransitionId, meeting.Sequence, meeting.CalledAt, meeting.ChangedAt, meeting.Start, meeting.End, meeting.Place,
            meeting.VideoLink, Participants = string.Join(',', meeting.Participants), Cancelled = meeting.Cancelled ? 1 : 0, sealedPeople.KeyId, Sealed = sealedPeople.Bytes,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            isNew
                ? """
                  INSERT INTO sip_meetings (meeting_id, transition_id, sequence, called_at, changed_at, starts_at, ends_at, place, video_link, participants, cancelled, key_id, sealed)
                  VALUES (@MeetingId, @TransitionId, @Sequence, @CalledAt, @ChangedAt, @Start, @End, @Place, @VideoLink, @Participants, @Cancelled, @KeyId, @Sealed)
                  """
                : """
                  UPDATE sip_meetings SET sequence = @Sequence, changed_at = @ChangedAt, starts_at = @Start, ends_at = @End, place = @Place, video_link = @VideoLink,
                      participants = @Participants, cancelled = @Cancelled, key_id = @KeyId, sealed = @Sealed
                  WHERE meeting_id = @MeetingId
                  """,
            row, cancellationToken: cancellationToken);
    }

    /// <summary>A fresh answer link for one participant of one version of the meeting.</summary>
    public async Task<string> CreateAnswerTokenAsync(SipMeeting meeting, string unitId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var raw = RandomNumberGenerator.GetBytes(TokenBytes);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO sip_answers (token_hash, transition_id, meeting_id, sequence, unit_id, expires_at)
            VALUES (@Hash, @TransitionId, @MeetingId, @Sequence, @UnitId, @ExpiresAt)
            """,
            new { Hash = SHA256.HashData(raw), meeting.TransitionId, meeting.MeetingId, meeting.Sequence, UnitId = unitId, ExpiresAt = expiresAt },
            cancellationToken: cancellationToken);
        return Base64Url.Encode(raw);
    }

    /// <summary>The grant behind an answer link (expired or not), or null when the token is malformed or unknown.</summary>
    public async Task<SipAnswerGrant?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > 64 || !Base64Url.TryDecode(token, out var raw) || raw.Length != TokenBytes)
        {
            return null;
        }

        var hash = SHA256.HashData(raw);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync(
            "SELECT token_hash, transition_id, meeting_id, sequence, unit_id, expires_at, answer, comment FROM sip_answers WHERE token_hash = @Hash",
            new { Hash = hash },
            r => (Hash: (byte[])r.GetValue(0), Grant: new SipAnswerGrant(
                r.GetString(1), r.GetString(2), Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), r.GetString(4), r.GetTime(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7))),
            cancellationToken: cancellationToken);
        return row.Hash is not null && CryptographicOperations.FixedTimeEquals(row.Hash, hash) ? row.Grant : null;
    }

    /// <summary>Records (or changes) the answer behind a token.</summary>
    public async Task AnswerAsync(string token, bool accepted, string? comment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var hash = SHA256.HashData(Base64Url.TryDecode(token, out var raw) ? raw : []);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE sip_answers SET answer = @Answer, comment = @Comment, answered_at = @At WHERE token_hash = @Hash",
            new { Answer = accepted ? "Accepted" : "Declined", Comment = comment, At = at, Hash = hash }, cancellationToken: cancellationToken);
    }

    /// <summary>Each participant's latest answer to the meeting's current version (the newest link per unit).</summary>
    public async Task<IReadOnlyList<SipAnswer>> AnswersAsync(SipMeeting meeting, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(
            "SELECT unit_id, sequence, answer, comment, answered_at FROM sip_answers WHERE meeting_id = @MeetingId AND sequence = @Sequence",
            new { meeting.MeetingId, meeting.Sequence },
            r => new SipAnswer(r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetTime(4)),
            cancellationToken);
        return rows.GroupBy(a => a.UnitId).Select(g => g.OrderByDescending(a => a.AnsweredAt is not null).First()).ToList();
    }

    private SipMeeting Read(DbDataReader r)
    {
        var transitionId = r.GetString(1);
        return new SipMeeting(
            r.GetString(0), transitionId, Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), r.GetTime(3), r.GetTime(4), r.GetTime(5), r.GetTime(6),
            r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
            r.GetString(9).Split(',', StringSplitOptions.RemoveEmptyEntries), Convert.ToInt32(r.GetValue(10), CultureInfo.InvariantCulture) == 1,
            JsonSerializer.Deserialize<SipPeople>(cipher.Open(Kind, transitionId, new SealedData(r.GetString(11), (byte[])r.GetValue(12))))!);
    }
}
