package com.acme.legacy.client;

import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;

/**
 * Reads the supplier's stock feed, an XML document served over HTTP, with the JDK's own parser: the
 * parser opens the URL itself, so the only method to retry is the JDK's {@code DocumentBuilder.parse}.
 */
public class StockFeed {
    private final String baseUrl;

    public StockFeed(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The {@code qty} attribute of the feed's root element. */
    public String quantity(String path) throws IOException, SAXException, ParserConfigurationException {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(baseUrl + path).getDocumentElement();
        return root.getTagName() + " qty=" + root.getAttribute("qty");
    }
}
