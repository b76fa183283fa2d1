package org.planetrewards.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The databases the store is tested against: a SQLite file, and a real PostgreSQL server started
 * in-process from the binary zonky ships as a Maven artifact (one server for the test run, a fresh
 * database per test). When PostgreSQL cannot start here, its tests are skipped and say why.
 */
final class Databases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static String whyNot;

    private Databases() {
    }

    static String sqlite(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("rewards-" + NEXT.incrementAndGet() + ".db");
    }

    /** A JDBC URL of a new, empty PostgreSQL database. */
    static synchronized String postgres() throws SQLException {
        if (postgres == null && whyNot == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (Exception ignored) {
                        // the JVM is going anyway; the server's temporary folder is removed by zonky
                    }
                }));
            } catch (Exception | LinkageError e) {
                whyNot = e.toString();
            }
        }
        Assumptions.assumeTrue(whyNot == null, () -> "PostgreSQL could not start on this machine, so this test is skipped: " + whyNot);
        String name = "rewards_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    static String of(String kind, Path dir) throws SQLException {
        return switch (kind) {
            case "sqlite" -> sqlite(dir);
            case "postgresql" -> postgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
