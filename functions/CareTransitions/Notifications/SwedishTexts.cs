using System.Globalization;
using CareTransitions.Directory;
using CareTransitions.Workflow;

namespace CareTransitions.Notifications;

/// <summary>The Swedish words staff read in emails and on the acknowledgement page.</summary>
internal static class SwedishTexts
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    public static string Need(Need need) => need switch
    {
        Workflow.Need.HomeCare => "Hemtjänst",
        Workflow.Need.HomeHealthCare => "Hemsjukvård",
        Workflow.Need.Rehabilitation => "Rehabilitering (arbetsterapeut/fysioterapeut)",
        Workflow.Need.AssistiveDevices => "Hjälpmedel",
        Workflow.Need.PalliativeCare => "Specialiserad palliativ vård i hemmet",
        _ => need.ToString(),
    };

    public static string Needs(IEnumerable<Need> needs)
    {
        var names = needs.Select(Need).ToList();
        return names.Count == 0 ? "Inga särskilda behov angivna" : string.Join(", ", names);
    }

    public static string MessageType(MessageType? type) => type switch
    {
        Workflow.MessageType.AdmissionNotice => "Inskrivningsmeddelande",
        Workflow.MessageType.ReadyForDischarge => "Patienten är utskrivningsklar",
        Workflow.MessageType.DischargeDateChanged => "Ändrat planerat utskrivningsdatum",
        Workflow.MessageType.Withdrawn => "Avbrott: patienten är inte längre utskrivningsklar",
        Workflow.MessageType.Discharged => "Patienten är utskriven",
        Workflow.MessageType.PlanningUpdated => "Ny planeringsinformation från avdelningen",
        _ => "Vårdövergång",
    };

    public static string Phase(TransitionPhase phase) => phase switch
    {
        TransitionPhase.Starting => "Startar",
        TransitionPhase.Admitted => "Inskriven",
        TransitionPhase.ReadyForDischarge => "Utskrivningsklar",
        TransitionPhase.Withdrawn => "Avbrott: inte längre utskrivningsklar",
        TransitionPhase.Discharged => "Utskriven, väntar på kvittenser",
        TransitionPhase.Completed => "Avslutad",
        _ => phase.ToString(),
    };

    /// <summary>What is asked of the unit, in one sentence.</summary>
    public static string Task(UnitType type, DateOnly? sipDue) => type switch
    {
        UnitType.MunicipalCoordination => "Planera kommunens insatser efter utskrivningen (biståndsbedömning, hemtjänst) och samordna med övriga enheter.",
        UnitType.HomeHealthCare => "Planera kommunal hemsjukvård från utskrivningsdagen.",
        UnitType.MunicipalRehab => "Planera rehabilitering (arbetsterapeut/fysioterapeut) och hjälpmedel inför hemgång.",
        UnitType.PrimaryCare => "Utse fast vårdkontakt för patienten." + (sipDue is { } due ? $" Kalla till SIP-möte senast {Date(due)}." : string.Empty),
        UnitType.PalliativeTeam => "Förbered övertagande av den palliativa vården i hemmet; teamet ska kunna nås dygnet runt.",
        _ => "Ta emot vårdövergången.",
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public static string Time(DateTimeOffset instant) => SwedishTime.ToLocal(instant).ToString("d MMMM yyyy 'kl.' HH:mm", Culture);
}
