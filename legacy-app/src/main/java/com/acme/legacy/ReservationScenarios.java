package com.acme.legacy;

import com.acme.legacy.orders.ReservationDao;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The application's own JDBC methods ({@link ReservationDao}) against PostgreSQL, whose statements fail with
 * the SQLState each call names: a {@code DO} block raises it while a sequence of the call's own is at most
 * FAILURES, then succeeds (FAILURES -1: always fails). Each call is one argument, words apart:
 * {@code "METHOD NAME SQLSTATE FAILURES"}, METHOD {@code reserve} or {@code release}; the statement's text carries
 * {@code call-NAME}, so the server's log counts its executions. Call n prints {@code RESULT n OK done} or
 * {@code RESULT n CAUGHT ...}.
 *
 * <pre>
 *   ReservationScenarios URL CALL...
 * </pre>
 */
public final class ReservationScenarios {
    private ReservationScenarios() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        ReservationDao dao = new ReservationDao(url);
        for (int i = 1; i < args.length; i++) {
            String[] call = args[i].trim().split("\\s+");
            String name = call[1].replaceAll("[^a-z0-9_]", "_");
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE SEQUENCE " + name);
            }
            int failures = Integer.parseInt(call[3]);
            String condition = failures < 0 ? "true" : "nextval('" + name + "') <= " + failures;
            String sql = "DO $$ BEGIN /* call-" + name + " */ IF " + condition + " THEN RAISE EXCEPTION 'provoked " + call[2]
                    + "' USING ERRCODE = '" + call[2] + "'; END IF; END $$";
            Scenarios.report(i, () -> call[0].equals("release") ? dao.release(sql) : dao.reserve(sql));
        }
        System.out.flush();
    }
}
