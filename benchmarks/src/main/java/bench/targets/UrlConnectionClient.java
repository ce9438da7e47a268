package bench.targets;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** An application's own client over HttpURLConnection: the method a policy weaves. */
public class UrlConnectionClient {
    public int get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        int status = c.getResponseCode();
        if (status >= 400) {
            throw new IOException("HTTP " + status);
        }
        try (InputStream in = c.getInputStream()) {
            int n = 0;
            while (in.read() >= 0) {
                n++;
            }
            return n;
        }
    }
}
