package org.planetrewards.store;

import org.planetrewards.Decision;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decisions and the engine's checkpoint in one relational database, through plain JDBC.
 *
 * <p>Two tables, created when missing: {@code decisions} (one row per decision, the decision id as
 * primary key) and {@code rewards_checkpoint} (one row: how far the history was applied and the
 * engine's snapshot at that point). {@link #commit} writes a batch of decisions and the checkpoint
 * that covers them in one transaction, so the database never holds a decision without the state that
 * made it, nor a state without its decisions. Decisions are inserted with {@code ON CONFLICT DO
 * NOTHING}: the database itself keeps one row per id, whatever is offered twice.
 *
 * <p>Speaks SQLite (the embedded default: {@code jdbc:sqlite:rewards.db}) and PostgreSQL, which share
 * the upsert syntax used here. One store, one writer: the checkpoint row is not shared between
 * processes that replay at the same time.
 */
public final class DecisionStore implements AutoCloseable {
    private static final String CHECKPOINT_ROW = "history";

    private final Connection connection;
    private final String label;
    private final PreparedStatement insertDecision;
    private final PreparedStatement revokeDecision;
    private final PreparedStatement upsertCheckpoint;
    private long lastSeq;

    private DecisionStore(Connection connection, String label) throws SQLException {
        this.connection = connection;
        this.label = label;
        createTables();
        // ON CONFLICT: SQLite 3.24+ and PostgreSQL 9.5+ both read it; the key does the de-duplication. A stored
        // decision stays as it is, except a revoked one, which a new decision of the same id (won again) replaces.
        this.insertDecision = connection.prepareStatement("INSERT INTO decisions"
                + " (id, member, campaign, reward, decided_at, days, seq, award_key, graced, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'decided')"
                + " ON CONFLICT (id) DO UPDATE SET reward = excluded.reward, decided_at = excluded.decided_at, days = excluded.days,"
                + " seq = excluded.seq, graced = excluded.graced, status = 'decided', revoked_at = NULL, revoked_reason = NULL,"
                + " revoked_cause = NULL WHERE decisions.status = 'revoked'");
        // Only a decided row is revoked: a revocation applied twice (a rerun after a crash) changes nothing the second time.
        this.revokeDecision = connection.prepareStatement("UPDATE decisions SET status = 'revoked', revoked_at = ?,"
                + " revoked_reason = ?, revoked_cause = ? WHERE id = ? AND status = 'decided'");
        this.upsertCheckpoint = connection.prepareStatement("INSERT INTO rewards_checkpoint"
                + " (name, source, lines, prefix_sha256, snapshot) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET source = excluded.source, lines = excluded.lines,"
                + " prefix_sha256 = excluded.prefix_sha256, snapshot = excluded.snapshot");
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM decisions")) {
            r.next();
            lastSeq = r.getLong(1);
        }
        connection.commit();
    }

    /**
     * Connects and creates the tables when they are missing.
     *
     * @param jdbcUrl e.g. {@code jdbc:sqlite:rewards.db} or {@code jdbc:postgresql://localhost/rewards?user=...}
     * @throws StoreException when the database cannot be reached or is neither SQLite nor PostgreSQL
     */
    public static DecisionStore open(String jdbcUrl) {
        String label = withoutSecrets(jdbcUrl);
        Connection c;
        try {
            c = DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + label + ": " + e.getMessage(), e);
        }
        try {
            String product = c.getMetaData().getDatabaseProductName();
            if (!product.equalsIgnoreCase("SQLite") && !product.equalsIgnoreCase("PostgreSQL")) {
                throw new StoreException("the store " + label + " is " + product
                        + "; decisions are stored in SQLite or PostgreSQL");
            }
            c.setAutoCommit(false);
            if (product.equalsIgnoreCase("PostgreSQL")) {
                // A reader of the table never sees half a batch anyway; serializable is not needed for one writer.
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            return new DecisionStore(c, label);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("cannot prepare the store " + label + ": " + e.getMessage(), e);
        }
    }

    /** The URL without a password, for messages. */
    static String withoutSecrets(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private void createTables() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS decisions ("
                    + " id TEXT PRIMARY KEY,"
                    + " member TEXT NOT NULL,"
                    + " campaign TEXT NOT NULL,"
                    + " reward TEXT NOT NULL,"
                    + " decided_at TEXT NOT NULL,"          // ISO-8601 with the community offset, as in decision JSON
                    + " days TEXT NOT NULL,"                // the evidence: a JSON array of ISO dates
                    + " seq BIGINT NOT NULL)");             // decision order, across runs
            // Columns of what is won (levels, seasons, grace days) and of revocations: added to a table created before them.
            for (String[] column : NEW_COLUMNS) {
                if (!hasColumn("decisions", column[0])) {
                    s.executeUpdate("ALTER TABLE decisions ADD COLUMN " + column[0] + " " + column[1]);
                }
            }
            s.executeUpdate("CREATE TABLE IF NOT EXISTS rewards_checkpoint ("
                    + " name TEXT PRIMARY KEY,"
                    + " source TEXT NOT NULL,"
                    + " lines BIGINT NOT NULL,"
                    + " prefix_sha256 TEXT NOT NULL,"
                    + " snapshot TEXT NOT NULL)");
        }
        connection.commit();
    }

    /** Columns added after the first version of the table, with their types; old rows get the defaults. */
    private static final String[][] NEW_COLUMNS = {
            {"award_key", "TEXT NOT NULL DEFAULT ''"},      // the level or season, empty for a campaign won once
            {"graced", "TEXT NOT NULL DEFAULT '[]'"},       // the missed days forgiven, a JSON array of dates
            {"status", "TEXT NOT NULL DEFAULT 'decided'"},  // decided, or revoked
            {"revoked_at", "TEXT"},                         // the stamp of the fact that revoked it
            {"revoked_reason", "TEXT"},
            {"revoked_cause", "TEXT"}};

    private boolean hasColumn(String table, String column) throws SQLException {
        try (ResultSet r = connection.getMetaData().getColumns(null, null, table, null)) {
            while (r.next()) {
                if (r.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Where the last committed run stopped, or empty for a store that has never been written. */
    public Optional<Checkpoint> checkpoint() {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT source, lines, prefix_sha256, snapshot FROM rewards_checkpoint WHERE name = ?")) {
            s.setString(1, CHECKPOINT_ROW);
            try (ResultSet r = s.executeQuery()) {
                Optional<Checkpoint> found = r.next()
                        ? Optional.of(new Checkpoint(r.getString(1), r.getLong(2), r.getString(3), r.getString(4)))
                        : Optional.empty();
                connection.commit();
                return found;
            }
        } catch (SQLException e) {
            throw failed("read the checkpoint", e);
        }
    }

    /**
     * Stores decisions and the checkpoint that covers them, in one transaction: after a crash the
     * database holds either both or neither. A decision whose id is already stored is left as it is,
     * unless it was revoked (then it is decided again); a revocation marks its decision's row revoked
     * (once: a second time changes nothing).
     *
     * @throws StoreException when the database refuses; nothing of the batch is stored
     */
    public void commit(List<Decision> decisions, Checkpoint checkpoint) {
        long seq = lastSeq;
        try {
            // In order: a decision, its revocation and its decision again can fall in one batch.
            boolean inOrder = decisions.stream().anyMatch(Decision::isRevocation);
            for (Decision d : decisions) {
                if (d.isRevocation()) {
                    revokeDecision.setString(1, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(d.decidedAt()));
                    revokeDecision.setString(2, d.revocation().reason());
                    revokeDecision.setString(3, d.revocation().cause());
                    revokeDecision.setString(4, d.id());
                    revokeDecision.executeUpdate();
                    continue;
                }
                insertDecision.setString(1, d.id());
                insertDecision.setString(2, d.member());
                insertDecision.setString(3, d.campaign());
                insertDecision.setString(4, d.reward());
                insertDecision.setString(5, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(d.decidedAt()));
                insertDecision.setString(6, daysJson(d.days()));
                insertDecision.setLong(7, ++seq);
                insertDecision.setString(8, d.key());
                insertDecision.setString(9, daysJson(d.graced()));
                if (inOrder) {
                    insertDecision.executeUpdate();
                } else {
                    insertDecision.addBatch();
                }
            }
            if (!inOrder && !decisions.isEmpty()) {
                insertDecision.executeBatch();
            }
            upsertCheckpoint.setString(1, CHECKPOINT_ROW);
            upsertCheckpoint.setString(2, checkpoint.source());
            upsertCheckpoint.setLong(3, checkpoint.lines());
            upsertCheckpoint.setString(4, checkpoint.prefixSha256());
            upsertCheckpoint.setString(5, checkpoint.snapshot());
            upsertCheckpoint.executeUpdate();
            connection.commit();
            lastSeq = seq;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failed("store " + decisions.size() + " decisions and the checkpoint at line " + checkpoint.lines(), e);
        }
    }

    /**
     * Every stored decision, in the order they were decided; a revoked one as its revocation (stamped when
     * it was revoked, with the reason and the cause).
     */
    public List<Decision> decisions() {
        List<Decision> all = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT member, campaign, reward, decided_at, days, award_key, graced, status,"
                     + " revoked_at, revoked_reason, revoked_cause FROM decisions ORDER BY seq")) {
            while (r.next()) {
                boolean revoked = "revoked".equals(r.getString(8));
                all.add(new Decision(r.getString(1), r.getString(2), r.getString(3),
                        OffsetDateTime.parse(revoked ? r.getString(9) : r.getString(4)), parseDays(r.getString(5)),
                        r.getString(6), parseDays(r.getString(7)),
                        revoked ? new Decision.Revocation(r.getString(10), r.getString(11)) : null));
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed("read the decisions", e);
        }
        return all;
    }

    /** The database, as messages name it (a URL without its password). */
    public String label() {
        return label;
    }

    static String daysJson(List<LocalDate> days) {
        StringBuilder b = new StringBuilder(days.size() * 13 + 2).append('[');
        for (int i = 0; i < days.size(); i++) {
            b.append(i == 0 ? "\"" : ",\"").append(days.get(i)).append('"');
        }
        return b.append(']').toString();
    }

    static List<LocalDate> parseDays(String json) {
        String inner = json.substring(1, json.length() - 1);
        List<LocalDate> days = new ArrayList<>();
        if (!inner.isEmpty()) {
            for (String d : inner.split(",")) {
                days.add(LocalDate.parse(d.substring(1, d.length() - 1)));
            }
        }
        return days;
    }

    private StoreException failed(String what, SQLException e) {
        return new StoreException("the store " + label + " could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failed("close", e);
        }
    }
}
