package bench.targets;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** An application method over HttpURLConnection: one GET, the body read to the end (the connection is kept alive). */
public class HttpTarget {
    private final byte[] buffer = new byte[256];

    public int fetch(URL url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setReadTimeout(5000);
        int n = 0;
        try (InputStream in = c.getInputStream()) {
            for (int r; (r = in.read(buffer)) > 0; ) {
                n += r;
            }
        }
        return n + c.getResponseCode();
    }
}
