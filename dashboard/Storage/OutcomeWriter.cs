using System.Globalization;
using Dashboard.Outcomes;
using Dashboard.Statistics;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage;

/// <summary>Prepared statements for one write transaction of <see cref="SqliteOutcomeRecorder"/>.</summary>
internal sealed class OutcomeWriter : IDisposable
{
    private readonly SqliteCommand _nextSeq;
    private readonly SqliteCommand _previousPatient;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _deleteUnits;
    private readonly SqliteCommand _insertUnit;
    private readonly SqliteCommand _episodes;
    private readonly SqliteCommand _setReadmitted;

    public OutcomeWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        _nextSeq = Command("UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value;");
        _previousPatient = Command("SELECT patient_pseudonym FROM outcomes WHERE transition_id = $t;");
        _upsert = Command(OutcomeSql.Upsert);
        _deleteUnits = Command("DELETE FROM outcome_units WHERE outcome_id = $id;");
        _insertUnit = Command(OutcomeSql.InsertUnit);
        _episodes = Command("SELECT id, start_at, discharged_at, readmitted FROM outcomes WHERE patient_pseudonym = $p;");
        _setReadmitted = Command("UPDATE outcomes SET readmitted = $r, seq = $seq WHERE id = $id;");
    }

    public long NextSequence() => Convert.ToInt64(_nextSeq.ExecuteScalar(), CultureInfo.InvariantCulture);

    /// <summary>Inserts or replaces one outcome; returns the pseudonym it had before if that differs.</summary>
    public string? Upsert(TransitionOutcome o, OutcomeFacts f, long seq)
    {
        _previousPatient.Parameters.Clear();
        _previousPatient.Parameters.AddWithValue("$t", o.TransitionId);
        var previous = _previousPatient.ExecuteScalar() as string;

        var p = _upsert.Parameters;
        p.Clear();
        p.AddWithValue("$transition_id", o.TransitionId);
        p.AddWithValue("$seq", seq);
        p.AddWithValue("$patient", o.PatientPseudonym);
        p.AddWithValue("$municipality", o.MunicipalityCode);
        p.AddWithValue("$ward", o.WardHsaId);
        p.AddWithValue("$ward_name", o.WardName);
        p.AddWithValue("$care_type", f.CareType);
        p.AddWithValue("$needs", f.Needs);
        p.AddWithValue("$payment_rule", o.PaymentRule);
        p.AddWithValue("$admitted_at", Text(o.AdmittedAt));
        p.AddWithValue("$notice_at", Text(o.AdmissionNoticeAt));
        p.AddWithValue("$ready_at", Text(o.ReadyForDischargeAt));
        p.AddWithValue("$discharged_at", Text(o.DischargedAt));
        p.AddWithValue("$sip_called_at", Text(o.SipCalledAt));
        p.AddWithValue("$completed_at", Text(o.CompletedAt));
        p.AddWithValue("$start_at", Text(f.StartAt));
        p.AddWithValue("$end_day", f.EndDay);
        p.AddWithValue("$end_year", SwedishCalendar.Date(f.EndDay).Year);
        p.AddWithValue("$end_month", SwedishCalendar.MonthKey(f.EndDay));
        p.AddWithValue("$end_week", SwedishCalendar.WeekKey(f.EndDay));
        p.AddWithValue("$days_ready", f.DaysReady);
        p.AddWithValue("$payment_days", Math.Max(0, o.PaymentResponsibilityDays));
        p.AddWithValue("$withdrawals", Math.Max(0, o.WithdrawalCount));
        p.AddWithValue("$is_ready", f.IsReady);
        p.AddWithValue("$is_discharged", f.IsDischarged);
        p.AddWithValue("$ready_discharged", f.ReadyDischarged);
        p.AddWithValue("$same_day", f.SameDay);
        p.AddWithValue("$has_notice", f.HasNotice);
        p.AddWithValue("$notice_on_time", f.NoticeOnTime);
        p.AddWithValue("$sip_required", f.SipRequired);
        p.AddWithValue("$sip_on_time", f.SipOnTime);
        var id = Convert.ToInt64(_upsert.ExecuteScalar(), CultureInfo.InvariantCulture);

        _deleteUnits.Parameters.Clear();
        _deleteUnits.Parameters.AddWithValue("$id", id);
        _deleteUnits.ExecuteNonQuery();
        for (var i = 0; i < o.Units.Count; i++)
        {
            InsertUnit(id, i, o.Units[i], f.Units[i]);
        }
        return previous is not null && previous != o.PatientPseudonym ? previous : null;
    }

    private void InsertUnit(long outcomeId, int ordinal, UnitOutcome unit, UnitFacts facts)
    {
        var p = _insertUnit.Parameters;
        p.Clear();
        p.AddWithValue("$outcome_id", outcomeId);
        p.AddWithValue("$ordinal", ordinal);
        p.AddWithValue("$unit_type", facts.UnitType);
        p.AddWithValue("$notified_at", Text(unit.NotifiedAt));
        p.AddWithValue("$reminded_at", Text(unit.RemindedAt));
        p.AddWithValue("$escalated_at", Text(unit.EscalatedAt));
        p.AddWithValue("$acknowledged_at", Text(unit.AcknowledgedAt));
        p.AddWithValue("$ack_minutes", (object?)facts.AckMinutes ?? DBNull.Value);
        p.AddWithValue("$is_acknowledged", facts.AckMinutes is not null);
        p.AddWithValue("$before_reminder", facts.BeforeReminder);
        p.AddWithValue("$before_escalation", facts.BeforeEscalation);
        p.AddWithValue("$escalated", facts.Escalated);
        _insertUnit.ExecuteNonQuery();
    }

    /// <summary>
    /// Recomputes "readmitted within 30 days" for every episode of one patient. An episode's flag depends on
    /// the patient's later episodes, which may be recorded after it, so it is maintained here.
    /// </summary>
    public void RefreshReadmissions(string patient, long seq)
    {
        _episodes.Parameters.Clear();
        _episodes.Parameters.AddWithValue("$p", patient);
        var episodes = new List<(long Id, DateTimeOffset? Start, DateTimeOffset? Discharged, bool Readmitted)>();
        using (var reader = _episodes.ExecuteReader())
        {
            while (reader.Read())
            {
                episodes.Add((reader.GetInt64(0), Parse(reader, 1), Parse(reader, 2), reader.GetBoolean(3)));
            }
        }
        foreach (var episode in episodes)
        {
            var readmitted = Readmission.IsReadmitted(episode.Discharged, episodes.Select(e => e.Start));
            if (readmitted != episode.Readmitted)
            {
                _setReadmitted.Parameters.Clear();
                _setReadmitted.Parameters.AddWithValue("$r", readmitted);
                _setReadmitted.Parameters.AddWithValue("$seq", seq);
                _setReadmitted.Parameters.AddWithValue("$id", episode.Id);
                _setReadmitted.ExecuteNonQuery();
            }
        }
    }

    private static object Text(DateTimeOffset? value) =>
        value is { } v ? v.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;

    private static DateTimeOffset? Parse(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _nextSeq.Dispose();
        _previousPatient.Dispose();
        _upsert.Dispose();
        _deleteUnits.Dispose();
        _insertUnit.Dispose();
        _episodes.Dispose();
        _setReadmitted.Dispose();
    }
}
