package com.acme.legacy.client;

import java.io.IOException;

/** The dependency refused the request as malformed: retrying cannot help (the demo policy aborts on it). */
public class BadRequestException extends IOException {
    public BadRequestException(String message) {
        super(message);
    }
}
