package com.acme.samples.annotated;

/** An interface whose method carries the annotation: its implementations' methods do not. */
public interface Contract {
    @Audited
    String promise();
}
