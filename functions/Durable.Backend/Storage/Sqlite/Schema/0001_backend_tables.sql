CREATE TABLE Instances (
    InstanceId       TEXT PRIMARY KEY,
    ExecutionId      TEXT NOT NULL,
    Name             TEXT NOT NULL,
    Version          TEXT,
    RuntimeStatus    TEXT NOT NULL,
    Input            TEXT,
    Output           TEXT,
    CustomStatus     TEXT,
    FailureDetails   BLOB,
    CreatedAt        INTEGER NOT NULL,
    LastUpdatedAt    INTEGER NOT NULL,
    CompletedAt      INTEGER,
    ScheduledStartAt INTEGER,
    ParentInstanceId TEXT,
    LockedBy         TEXT,
    LockExpiration   INTEGER,
    LastError        TEXT
);
CREATE INDEX IX_Instances_Created ON Instances (CreatedAt);
CREATE INDEX IX_Instances_Status ON Instances (RuntimeStatus, CreatedAt);
CREATE INDEX IX_Instances_Completed ON Instances (CompletedAt) WHERE CompletedAt IS NOT NULL;
CREATE INDEX IX_Instances_LockExpiration ON Instances (LockExpiration) WHERE LockExpiration IS NOT NULL;
CREATE INDEX IX_Instances_Parent ON Instances (ParentInstanceId) WHERE ParentInstanceId IS NOT NULL;

CREATE TABLE NewEvents (
    SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
    InstanceId     TEXT NOT NULL,
    ExecutionId    TEXT,
    EventType      TEXT NOT NULL,
    Data           BLOB NOT NULL,
    VisibleAt      INTEGER NOT NULL,
    CreatedAt      INTEGER NOT NULL,
    DequeueCount   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IX_NewEvents_Visible ON NewEvents (VisibleAt);
CREATE INDEX IX_NewEvents_Instance ON NewEvents (InstanceId, SequenceNumber);

-- The primary key makes a second writer of the same history position fail instead of interleaving.
CREATE TABLE History (
    InstanceId     TEXT NOT NULL,
    ExecutionId    TEXT NOT NULL,
    SequenceNumber INTEGER NOT NULL,
    EventType      TEXT NOT NULL,
    Data           BLOB NOT NULL,
    Timestamp      INTEGER NOT NULL,
    PRIMARY KEY (InstanceId, ExecutionId, SequenceNumber)
) WITHOUT ROWID;

-- A leased task is invisible until its lease (VisibleAt) expires.
CREATE TABLE NewTasks (
    SequenceNumber INTEGER PRIMARY KEY AUTOINCREMENT,
    InstanceId     TEXT NOT NULL,
    ExecutionId    TEXT NOT NULL,
    TaskId         INTEGER NOT NULL,
    Name           TEXT NOT NULL,
    Version        TEXT,
    Input          TEXT,
    TraceContext   BLOB,
    VisibleAt      INTEGER NOT NULL,
    LockedBy       TEXT,
    DequeueCount   INTEGER NOT NULL DEFAULT 0,
    LastError      TEXT,
    CreatedAt      INTEGER NOT NULL
);
CREATE INDEX IX_NewTasks_Visible ON NewTasks (VisibleAt);
CREATE INDEX IX_NewTasks_Lock ON NewTasks (LockedBy) WHERE LockedBy IS NOT NULL;
CREATE UNIQUE INDEX UX_NewTasks_Task ON NewTasks (InstanceId, ExecutionId, TaskId);

CREATE TABLE PoisonMessages (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    InstanceId  TEXT NOT NULL,
    Kind        TEXT NOT NULL,
    Name        TEXT NOT NULL,
    Data        BLOB,
    Attempts    INTEGER NOT NULL,
    Reason      TEXT NOT NULL,
    SetAsideAt  INTEGER NOT NULL
);
CREATE INDEX IX_PoisonMessages_Instance ON PoisonMessages (InstanceId);
