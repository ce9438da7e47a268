package com.acme.legacy.spring;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Spring 5.3 application as Java 8 code bases have them: {@code @Transactional} services over
 * JdbcTemplate, HikariCP and H2, wired by an annotation-config context. Another connection holds the
 * row while the service updates it, until the transactional body has run twice (or the call ended);
 * H2 gives up waiting after 100 ms (lock timeout, a transient failure), so the transaction fails
 * until the row is free, unless it is run again whole.
 * Prints {@code RESULT <call> OK ...} or {@code RESULT <call> CAUGHT <class> <message>}, and how
 * many times each transactional body ran ({@code RUNS <name> <n>}).
 *
 * <pre>
 *   SpringScenarios lock URL    StockService.take, @Transactional, then the quantity left
 *   SpringScenarios joined URL  OrderService.place (@Transactional) calling StockService.take, which joins it
 *   SpringScenarios template URL  TransactionTemplate.execute around the same update
 * </pre>
 */
public final class SpringScenarios {
    static final AtomicInteger OUTER_RUNS = new AtomicInteger();
    static final AtomicInteger INNER_RUNS = new AtomicInteger();
    static final java.util.concurrent.atomic.AtomicBoolean CALL_ENDED = new java.util.concurrent.atomic.AtomicBoolean();

    private SpringScenarios() {
    }

    /** The service whose transaction the preset retries. */
    public static class StockService {
        private final JdbcTemplate jdbc;

        public StockService(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        public int take(int quantity) {
            INNER_RUNS.incrementAndGet();
            return jdbc.update("UPDATE stock SET qty = qty - ? WHERE id = 1", quantity);
        }

        @Transactional(readOnly = true)
        public int left() {
            return jdbc.queryForObject("SELECT qty FROM stock WHERE id = 1", Integer.class);
        }
    }

    /** An outer transaction; the stock service's joins it. */
    public static class OrderService {
        private final StockService stock;
        private final JdbcTemplate jdbc;

        public OrderService(StockService stock, JdbcTemplate jdbc) {
            this.stock = stock;
            this.jdbc = jdbc;
        }

        @Transactional
        public int place(int quantity) {
            OUTER_RUNS.incrementAndGet();
            jdbc.update("UPDATE orders SET placed = placed + 1");
            return stock.take(quantity);
        }
    }

    @Configuration
    @EnableTransactionManagement
    public static class Config {
        static String url;

        @Bean(destroyMethod = "close")
        public DataSource dataSource() {
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(url);
            ds.setMaximumPoolSize(4);
            return ds;
        }

        @Bean
        public PlatformTransactionManager transactionManager(DataSource ds) {
            return new DataSourceTransactionManager(ds);
        }

        @Bean
        public JdbcTemplate jdbcTemplate(DataSource ds) {
            return new JdbcTemplate(ds);
        }

        @Bean
        public StockService stockService(JdbcTemplate jdbc) {
            return new StockService(jdbc);
        }

        @Bean
        public OrderService orderService(StockService stock, JdbcTemplate jdbc) {
            return new OrderService(stock, jdbc);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        Config.url = url;
        try (Connection holder = DriverManager.getConnection(url)) {
            try (Statement s = holder.createStatement()) {
                s.execute("DROP TABLE IF EXISTS stock");
                s.execute("CREATE TABLE stock (id INT PRIMARY KEY, qty INT NOT NULL)");
                s.execute("INSERT INTO stock VALUES (1, 100)");
                s.execute("DROP TABLE IF EXISTS orders");
                s.execute("CREATE TABLE orders (placed INT NOT NULL)");
                s.execute("INSERT INTO orders VALUES (0)");
            }
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);
            try {
                StockService stock = context.getBean(StockService.class);
                OrderService orders = context.getBean(OrderService.class);
                TransactionTemplate template = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                final JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                holdRow(holder);
                Thread release = releaseAfterTwoRuns(holder);
                switch (args[0]) {
                    case "lock":
                        report(1, () -> "updated " + stock.take(10));
                        break;
                    case "joined":
                        report(1, () -> "placed " + orders.place(10));
                        break;
                    case "template":
                        report(1, () -> "updated " + template.execute(status -> {
                            INNER_RUNS.incrementAndGet();
                            return jdbc.update("UPDATE stock SET qty = qty - ? WHERE id = 1", 10);
                        }));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown scenario " + args[0]);
                }
                CALL_ENDED.set(true);
                release.join();
                report(2, () -> "qty " + stock.left());
                report(3, () -> "placed " + jdbc.queryForObject("SELECT placed FROM orders", Integer.class));
                System.out.println("RUNS outer " + OUTER_RUNS.get());
                System.out.println("RUNS inner " + INNER_RUNS.get());
            } finally {
                context.close();
            }
        }
        System.out.flush();
    }

    /** Updates row 1 in a transaction left open: the row stays locked until {@link #releaseAfterTwoRuns} commits. */
    private static void holdRow(Connection holder) throws Exception {
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.executeUpdate("UPDATE stock SET qty = qty - 1 WHERE id = 1");
        }
    }

    /**
     * Commits the holder's transaction once the transactional body has run twice (its first two
     * attempts met the lock), or once the call has ended (without the agent: after its one attempt).
     */
    private static Thread releaseAfterTwoRuns(final Connection holder) {
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    while (INNER_RUNS.get() < 2 && !CALL_ENDED.get()) {
                        Thread.sleep(10);
                    }
                    holder.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        t.start();
        return t;
    }

    interface Call {
        String call() throws Exception;
    }

    static void report(int call, Call c) {
        String line;
        try {
            line = "RESULT " + call + " OK " + c.call();
        } catch (Throwable t) {
            line = "RESULT " + call + " CAUGHT " + t.getClass().getName() + " " + String.valueOf(t.getMessage()).split("\n")[0];
        }
        System.out.println(line);
    }
}
