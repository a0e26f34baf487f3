package io.rollcall;

/**
 * The machine's test PostgreSQL, as {@code application-postgres.yml} finds it, for tests that open
 * connections or start Rollcall processes of their own: {@code ROLLCALL_TEST_PG_URL}, {@code _USER},
 * {@code _PASSWORD}, and {@code ROLLCALL_TEST_PG_SCHEMA} as the prefix of their schemas.
 */
public final class TestDatabase {

    public static final String URL = env("ROLLCALL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("ROLLCALL_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("ROLLCALL_TEST_PG_PASSWORD", "");

    private TestDatabase() {
    }

    /** A schema of this test run for one test class, apart from the one the other tests share. */
    public static String schema(String suffix) {
        return env("ROLLCALL_TEST_PG_SCHEMA", "rollcall_test") + "_" + suffix;
    }

    /** The JDBC URL of the database with {@code schema} as the current schema. */
    public static String url(String schema) {
        return URL + "?currentSchema=" + schema;
    }

    private static String env(String name, String otherwise) {
        return System.getenv().getOrDefault(name, otherwise);
    }
}
