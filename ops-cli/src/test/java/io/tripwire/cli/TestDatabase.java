package io.tripwire.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Plain JDBC on the real test database: {@code @QuarkusMainTest} classes cannot inject beans, and the
 * checks should not trust the code under test anyway.
 */
public final class TestDatabase {

    /** The %test datasource's database (TEST_PG_DB lets two checkouts test side by side). */
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/"
            + System.getenv().getOrDefault("TEST_PG_DB", "tripwire_test");

    private TestDatabase() {
    }

    /** Empties the tables bootstrap writes; before the first migration there is nothing to clean. */
    public static void cleanAuthTables() throws SQLException {
        execute("""
                DO $$ BEGIN
                  IF to_regclass('api_keys') IS NOT NULL THEN
                    TRUNCATE api_keys, operators RESTART IDENTITY;
                  END IF;
                END $$""");
    }

    public static int execute(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            return st.executeUpdate();
        }
    }

    public static long count(String table) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first row of {@code sql} as column → value, or an empty map. */
    public static Map<String, Object> row(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(rs.getMetaData().getColumnLabel(i),
                                value instanceof java.sql.Array array ? array.getArray() : value);
                    }
                }
                return row;
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", "postgres");
    }

    private static void bind(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
    }
}
