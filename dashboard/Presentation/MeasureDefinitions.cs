namespace Dashboard.Presentation;

/// <summary>
/// The definitions written beside each figure. A steering group acts on these numbers, so how each is
/// counted is stated on the page itself, in the same words as docs/dashboard.md.
/// </summary>
internal static class MeasureDefinitions
{
    public const string Period =
        "Alla mått räknas på vårdtillfällen som avslutades under perioden (utskrivningsdagen, eller dagen då ärendet avslutades utan utskrivning), enligt SKR:s definition. Datum är svensk tid.";

    public const string Episodes =
        "Antal vårdtillfällen där patienten anmäldes utskrivningsklar, bland vårdtillfällen som avslutades under perioden.";

    public const string AverageDays =
        "Summan av dagar som utskrivningsklar delad med antalet utskrivningsklara vårdtillfällen som avslutades under perioden. Dagar = utskrivningsdatum minus datum för utskrivningsklar, perioder efter avbrott (återtagen utskrivningsklar) räknas inte; 0 = samma dag.";

    public const string TotalDays =
        "Summan av kalenderdagar som utskrivningsklar för vårdtillfällen som avslutades under perioden.";

    public const string SameDay =
        "Andel av de utskrivningsklara som skrevs ut samma dag som de anmäldes utskrivningsklara (dag 0), av dem som skrevs ut.";

    public const string Payment =
        "Dagar då kommunen hade betalningsansvar enligt den överenskommelse som gällde (t.ex. från tredje kalenderdagen), och kostnaden: dagar × årets dagersättning för det år vårdtillfället avslutades.";

    public const string Acknowledgement =
        "Tid från att enheten aviserades (första e-post) till att den kvitterade, per enhetstyp. Median och 90:e percentil (närmaste rang, på minuten). Andelen före påminnelse/eskalering räknas av alla aviseringar; ej kvitterade räknas som inte i tid.";

    public const string ByPhone =
        "Andel av enheternas kvittenser som kom via telefon: en samordnare registrerade att enheten tagit över, i stället för att enheten kvitterade via länken i e-posten. Av alla kvittenser i vårdtillfällen som avslutades under perioden; kvittenser före funktionen räknas som via länken.";

    public const string Escalations = "Antal aviseringar som eskalerades för att ingen kvitterade i tid.";

    public const string AdmissionNotice =
        "Andel inskrivningsmeddelanden som skickades inom 24 timmar från inskrivningen, av alla skickade inskrivningsmeddelanden.";

    public const string Sip =
        "Av vårdtillfällen där både kommun och region behövdes (SIP krävs): andel där vårdcentralen kallade till SIP-möte inom 3 dygn (72 timmar) från utskrivningsklar. "
        + "Tiden är när kallelsen skickades (på överlämningssidan eller via API), inte när vårdcentralen kvitterade. "
        + "Vårdtillfällen som registrerades innan kallelsen registrerades räknas inte; finns bara sådana visas uppgift saknas.";

    public const string Readmission =
        "Andel av utskrivningarna under perioden där samma patient (nyckelkodad pseudonym, aldrig personnummer) skrevs in igen inom 30 dagar. De sista 30 dagarna av perioden kan ännu sakna senare återinskrivningar.";

    public const string Withdrawals = "Vårdtillfällen där utskrivningsklar återtogs (avbrott) minst en gång; klockan stod still under avbrottet.";

    public const string Comparison =
        "Före och efter är oftast olika långa perioder, så summor jämförs per 30 dagar (summan delad med periodens antal dagar, gånger 30) "
        + "och betalningsansvaret även per utskrivningsklart vårdtillfälle. Andelar, medelvärden och mediantider jämförs som de är. "
        + "Båda datumen i en period räknas med.";

    public const string PartialPeriod =
        "Markerat (del): veckan eller månaden ligger bara delvis inom perioden och har därför färre vårdtillfällen; dess värden bygger på färre dagar än en hel.";

    public const string Now =
        "Just nu: pågående överföringar, de som väntar på kvittens och de som passerat påminnelse- eller eskaleringstiden. Gäller nuläget, inte den valda perioden.";
}
