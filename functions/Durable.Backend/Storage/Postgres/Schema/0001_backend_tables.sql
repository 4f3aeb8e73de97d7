-- Instance ids use the "C" collation: byte order, as in SQLite, for paging and prefix filters on the index.
CREATE TABLE durable.instances (
    instance_id        text COLLATE "C" PRIMARY KEY,
    execution_id       text NOT NULL,
    name               text NOT NULL,
    version            text,
    runtime_status     text NOT NULL,
    input              text,
    output             text,
    custom_status      text,
    failure_details    bytea,
    created_at         bigint NOT NULL,
    last_updated_at    bigint NOT NULL,
    completed_at       bigint,
    scheduled_start_at bigint,
    parent_instance_id text COLLATE "C",
    locked_by          text,
    lock_expiration    bigint,
    last_error         text
);
CREATE INDEX ix_instances_created ON durable.instances (created_at, instance_id);
CREATE INDEX ix_instances_status ON durable.instances (runtime_status, created_at);
CREATE INDEX ix_instances_completed ON durable.instances (completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX ix_instances_lock_expiration ON durable.instances (lock_expiration) WHERE lock_expiration IS NOT NULL;
CREATE INDEX ix_instances_locked_by ON durable.instances (locked_by) WHERE locked_by IS NOT NULL;
CREATE INDEX ix_instances_parent ON durable.instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;

CREATE TABLE durable.new_events (
    sequence_number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id     text COLLATE "C" NOT NULL,
    execution_id    text,
    event_type      text NOT NULL,
    data            bytea NOT NULL,
    visible_at      bigint NOT NULL,
    created_at      bigint NOT NULL,
    dequeue_count   integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_new_events_visible ON durable.new_events (visible_at);
CREATE INDEX ix_new_events_instance ON durable.new_events (instance_id, sequence_number);

-- The primary key makes a second writer of the same history position fail instead of interleaving.
CREATE TABLE durable.history (
    instance_id     text COLLATE "C" NOT NULL,
    execution_id    text NOT NULL,
    sequence_number integer NOT NULL,
    event_type      text NOT NULL,
    data            bytea NOT NULL,
    timestamp       bigint NOT NULL,
    PRIMARY KEY (instance_id, execution_id, sequence_number)
);

-- A leased task is invisible until its lease (visible_at) expires.
CREATE TABLE durable.new_tasks (
    sequence_number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id     text COLLATE "C" NOT NULL,
    execution_id    text NOT NULL,
    task_id         integer NOT NULL,
    name            text NOT NULL,
    version         text,
    input           text,
    trace_context   bytea,
    visible_at      bigint NOT NULL,
    locked_by       text,
    dequeue_count   integer NOT NULL DEFAULT 0,
    last_error      text,
    created_at      bigint NOT NULL,
    UNIQUE (instance_id, execution_id, task_id)
);
CREATE INDEX ix_new_tasks_visible ON durable.new_tasks (visible_at, sequence_number);
CREATE INDEX ix_new_tasks_lock ON durable.new_tasks (locked_by) WHERE locked_by IS NOT NULL;

CREATE TABLE durable.poison_messages (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id  text COLLATE "C" NOT NULL,
    kind         text NOT NULL,
    name         text NOT NULL,
    data         bytea,
    attempts     integer NOT NULL,
    reason       text NOT NULL,
    set_aside_at bigint NOT NULL
);
CREATE INDEX ix_poison_messages_instance ON durable.poison_messages (instance_id);
