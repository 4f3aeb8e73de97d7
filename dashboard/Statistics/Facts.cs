using System.Runtime.InteropServices;

namespace Dashboard.Statistics;

/// <summary>One episode in the in-memory snapshot: 32 bytes, so a million fit in about 32 MB.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct EpisodeFact
{
    public int EndDay;
    public int DaysReady;
    public int PaymentDays;
    public int Generation;
    public short Municipality;
    public short Ward;
    public short Withdrawals;
    public ushort Flags;
    public byte CareType;
    public byte Needs;
}

/// <summary>One unit notification in the snapshot, tied to its episode by index and generation.</summary>
internal struct UnitFact
{
    public int Owner;
    public int Generation;
    public int AckMinutes;
    public byte UnitType;
    public byte Flags;
}

internal static class FactFlags
{
    public const ushort Ready = 1;
    public const ushort Discharged = 2;
    public const ushort ReadyDischarged = 4;
    public const ushort SameDay = 8;
    public const ushort HasNotice = 16;
    public const ushort NoticeOnTime = 32;
    public const ushort SipRequired = 64;
    public const ushort SipOnTime = 128;
    public const ushort Readmitted = 256;

    public const byte Acknowledged = 1;
    public const byte BeforeReminder = 2;
    public const byte BeforeEscalation = 4;
    public const byte Escalated = 8;
    public const byte ByPhone = 16;
}
