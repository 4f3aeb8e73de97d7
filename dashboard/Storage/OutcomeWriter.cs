using System.Data.Common;
using System.Globalization;
using Dashboard.Statistics;
using Microsoft.Data.Sqlite;
using Platform.Outcomes;

namespace Dashboard.Storage;

/// <summary>Prepared statements for one write transaction of <see cref="OutcomeRecorder"/>, on either provider.</summary>
internal sealed class OutcomeWriter : IDisposable
{
    private readonly DbCommand _nextSeq;
    private readonly DbCommand _previousPatient;
    private readonly DbCommand _upsert;
    private readonly DbCommand _deleteUnits;
    private readonly DbCommand _insertUnit;
    private readonly DbCommand _episodes;
    private readonly DbCommand _setReadmitted;
    private readonly bool _timesAsText;

    public OutcomeWriter(DbConnection connection, DbTransaction transaction)
    {
        _timesAsText = connection is SqliteConnection;
        DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        // IMPORTANT: the transaction's first statement. On PostgreSQL its row lock queues concurrent writers until
        // this one commits, so the change sequence is committed in order (see StatisticsSchema).
        _nextSeq = Command("UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value;");
        _previousPatient = Command("SELECT patient_pseudonym FROM outcomes WHERE transition_id = @t;");
        _upsert = Command(OutcomeSql.Upsert);
        _deleteUnits = Command("DELETE FROM outcome_units WHERE outcome_id = @id;");
        _insertUnit = Command(OutcomeSql.InsertUnit);
        _episodes = Command("SELECT id, start_at, discharged_at, readmitted FROM outcomes WHERE patient_pseudonym = @p;");
        _setReadmitted = Command("UPDATE outcomes SET readmitted = @r, seq = @seq WHERE id = @id;");
    }

    public long NextSequence() => Convert.ToInt64(_nextSeq.ExecuteScalar(), CultureInfo.InvariantCulture);

    /// <summary>Inserts or replaces one outcome; returns the pseudonym it had before if that differs.</summary>
    public string? Upsert(TransitionOutcome o, OutcomeFacts f, long seq)
    {
        _previousPatient.Parameters.Clear();
        Set(_previousPatient, "@t", o.TransitionId);
        var previous = _previousPatient.ExecuteScalar() as string;

        _upsert.Parameters.Clear();
        Set(_upsert, "@transition_id", o.TransitionId);
        Set(_upsert, "@seq", seq);
        Set(_upsert, "@patient", o.PatientPseudonym);
        Set(_upsert, "@municipality", o.MunicipalityCode);
        Set(_upsert, "@ward", o.WardHsaId);
        Set(_upsert, "@ward_name", o.WardName);
        Set(_upsert, "@care_type", f.CareType);
        Set(_upsert, "@needs", f.Needs);
        Set(_upsert, "@payment_rule", o.PaymentRule);
        Set(_upsert, "@admitted_at", Time(o.AdmittedAt));
        Set(_upsert, "@notice_at", Time(o.AdmissionNoticeAt));
        Set(_upsert, "@ready_at", Time(o.ReadyForDischargeAt));
        Set(_upsert, "@discharged_at", Time(o.DischargedAt));
        Set(_upsert, "@sip_called_at", Time(o.SipCalledAt));
        Set(_upsert, "@completed_at", Time(o.CompletedAt));
        Set(_upsert, "@start_at", Time(f.StartAt));
        Set(_upsert, "@end_day", f.EndDay);
        Set(_upsert, "@end_year", SwedishCalendar.Date(f.EndDay).Year);
        Set(_upsert, "@end_month", SwedishCalendar.MonthKey(f.EndDay));
        Set(_upsert, "@end_week", SwedishCalendar.WeekKey(f.EndDay));
        Set(_upsert, "@days_ready", f.DaysReady);
        Set(_upsert, "@payment_days", Math.Max(0, o.PaymentResponsibilityDays));
        Set(_upsert, "@withdrawals", Math.Max(0, o.WithdrawalCount));
        Set(_upsert, "@is_ready", f.IsReady);
        Set(_upsert, "@is_discharged", f.IsDischarged);
        Set(_upsert, "@ready_discharged", f.ReadyDischarged);
        Set(_upsert, "@same_day", f.SameDay);
        Set(_upsert, "@has_notice", f.HasNotice);
        Set(_upsert, "@notice_on_time", f.NoticeOnTime);
        Set(_upsert, "@sip_required", f.SipRequired);
        Set(_upsert, "@sip_on_time", f.SipOnTime);
        Set(_upsert, "@sip_call_recorded", o.SipCallRecorded);
        var id = Convert.ToInt64(_upsert.ExecuteScalar(), CultureInfo.InvariantCulture);

        _deleteUnits.Parameters.Clear();
        Set(_deleteUnits, "@id", id);
        _deleteUnits.ExecuteNonQuery();
        for (var i = 0; i < o.Units.Count; i++)
        {
            InsertUnit(id, i, o.Units[i], f.Units[i]);
        }
        return previous is not null && previous != o.PatientPseudonym ? previous : null;
    }

    private void InsertUnit(long outcomeId, int ordinal, UnitOutcome unit, UnitFacts facts)
    {
        _insertUnit.Parameters.Clear();
        Set(_insertUnit, "@outcome_id", outcomeId);
        Set(_insertUnit, "@ordinal", ordinal);
        Set(_insertUnit, "@unit_type", facts.UnitType);
        Set(_insertUnit, "@notified_at", Time(unit.NotifiedAt));
        Set(_insertUnit, "@reminded_at", Time(unit.RemindedAt));
        Set(_insertUnit, "@escalated_at", Time(unit.EscalatedAt));
        Set(_insertUnit, "@acknowledged_at", Time(unit.AcknowledgedAt));
        Set(_insertUnit, "@ack_minutes", facts.AckMinutes);
        Set(_insertUnit, "@is_acknowledged", facts.AckMinutes is not null);
        Set(_insertUnit, "@before_reminder", facts.BeforeReminder);
        Set(_insertUnit, "@before_escalation", facts.BeforeEscalation);
        Set(_insertUnit, "@escalated", facts.Escalated);
        Set(_insertUnit, "@by_phone", facts.ByPhone);
        _insertUnit.ExecuteNonQuery();
    }

    /// <summary>
    /// Recomputes "readmitted within 30 days" for every episode of one patient. An episode's flag depends on
    /// the patient's later episodes, which may be recorded after it, so it is maintained here.
    /// </summary>
    public void RefreshReadmissions(string patient, long seq)
    {
        _episodes.Parameters.Clear();
        Set(_episodes, "@p", patient);
        var episodes = new List<(long Id, DateTimeOffset? Start, DateTimeOffset? Discharged, bool Readmitted)>();
        using (var reader = _episodes.ExecuteReader())
        {
            while (reader.Read())
            {
                episodes.Add((reader.GetInt64(0), Parse(reader, 1), Parse(reader, 2), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture) != 0));
            }
        }
        foreach (var episode in episodes)
        {
            var readmitted = Readmission.IsReadmitted(episode.Discharged, episodes.Select(e => e.Start));
            if (readmitted != episode.Readmitted)
            {
                _setReadmitted.Parameters.Clear();
                Set(_setReadmitted, "@r", readmitted);
                Set(_setReadmitted, "@seq", seq);
                Set(_setReadmitted, "@id", episode.Id);
                _setReadmitted.ExecuteNonQuery();
            }
        }
    }

    // IMPORTANT: SQLite has no time type: round-trip UTC text, as every existing statistics.db holds. PostgreSQL: timestamptz.
    private object? Time(DateTimeOffset? value) => value is not { } v ? null
        : _timesAsText ? v.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : v.ToUniversalTime();

    private static DateTimeOffset? Parse(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal) switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        var other => (DateTimeOffset)other,
    };

    /// <summary>Binds one parameter; flags go in as 0/1 (integer columns on both providers), null as NULL.</summary>
    private static void Set(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            bool flag => flag ? 1 : 0,
            _ => value,
        };
        command.Parameters.Add(parameter);
    }

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
