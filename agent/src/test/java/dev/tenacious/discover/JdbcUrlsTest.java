package dev.tenacious.discover;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A JDBC URL keeps its driver, host, port and database, and loses user, password and every parameter. */
class JdbcUrlsTest {
    @Test
    void parametersAreCut() {
        assertEquals("jdbc:h2:mem:orders", JdbcUrls.strip("jdbc:h2:mem:orders;USER=sa;PASSWORD=hunter2;DB_CLOSE_DELAY=-1"));
        assertEquals("jdbc:postgresql://db.internal:5432/orders",
                JdbcUrls.strip("jdbc:postgresql://db.internal:5432/orders?user=app&password=hunter2&ssl=true"));
        assertEquals("jdbc:sqlserver://db:1433", JdbcUrls.strip("jdbc:sqlserver://db:1433;databaseName=x;password=hunter2"));
        assertEquals("jdbc:derby://db:1527/orders", JdbcUrls.strip("jdbc:derby://db:1527/orders;user=a;password=hunter2"));
        assertEquals("jdbc:db2://db:50000/orders", JdbcUrls.strip("jdbc:db2://db:50000/orders:user=a;password=hunter2;"));
    }

    @Test
    void userAndPasswordAreCut() {
        assertEquals("jdbc:mysql://db:3306/orders", JdbcUrls.strip("jdbc:mysql://app:hunter2@db:3306/orders"));
        assertEquals("jdbc:postgresql://db/orders", JdbcUrls.strip("jdbc:postgresql://app:p@ss:w/rd@db/orders"));
        assertEquals("jdbc:oracle:thin:@db:1521:orcl", JdbcUrls.strip("jdbc:oracle:thin:scott/tiger@db:1521:orcl"));
        assertEquals("jdbc:oracle:thin:@//db:1521/svc", JdbcUrls.strip("jdbc:oracle:thin:scott/ti:ger@//db:1521/svc"));
        assertEquals("jdbc:oracle:thin:@db:1521:orcl", JdbcUrls.strip("jdbc:oracle:thin:@db:1521:orcl"));
    }

    @Test
    void plainUrlsStayAsTheyAre() {
        assertEquals("jdbc:h2:file:/var/data/orders", JdbcUrls.strip("jdbc:h2:file:/var/data/orders"));
        assertEquals("jdbc:sqlite:/tmp/app.db", JdbcUrls.strip(" jdbc:sqlite:/tmp/app.db "));
    }

    @Test
    void nothingButPrintableAsciiAndNeverTooLong() {
        assertEquals("jdbc:h2:mem:a?b", JdbcUrls.strip("jdbc:h2:mem:a\nb"));
        StringBuilder longName = new StringBuilder("jdbc:h2:mem:");
        for (int i = 0; i < 500; i++) {
            longName.append('x');
        }
        assertEquals(JdbcUrls.MAX_LENGTH, JdbcUrls.strip(longName.toString()).length());
    }
}
