package com.acme.samples.annotated;

/** One method carries the annotation, one does not, one carries the class-file-only one. */
public class PlainService {
    @Audited
    public String marked() {
        return "marked";
    }

    public String unmarked() {
        return "unmarked";
    }

    @Recorded
    public String recorded() {
        return "recorded";
    }
}
