package io.jzmtp.mechanism;

import io.jzmtp.msg.Metadata;

/** Creates one {@link Mechanism} per connection, given the metadata this side announces. */
@FunctionalInterface
public interface MechanismFactory {

    /** A fresh mechanism for one connection. */
    Mechanism create(Metadata localMetadata);
}
