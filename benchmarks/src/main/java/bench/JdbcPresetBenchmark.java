package bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

/**
 * A JDBC query that succeeds first time: H2 in memory, a prepared primary-key lookup. Run once in a JVM
 * whose policy names no preset and once in a JVM whose policy names the {@code jdbc} preset, so the
 * difference is what the preset costs every statement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JdbcPresetBenchmark {
    private Connection connection;
    private PreparedStatement lookup;
    private int id;

    @Setup
    public void setUp() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:bench");
        try (var s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS item (id INT PRIMARY KEY, qty INT)");
            s.execute("MERGE INTO item KEY (id) SELECT x, x FROM SYSTEM_RANGE(1, 1000)");
        }
        lookup = connection.prepareStatement("SELECT qty FROM item WHERE id = ?");
    }

    @TearDown
    public void tearDown() throws Exception {
        connection.close();
    }

    @Benchmark
    public int preparedQuery() throws Exception {
        lookup.setInt(1, (id++ % 1000) + 1);
        try (ResultSet rs = lookup.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
