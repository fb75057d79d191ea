package dev.tviews.common.config;

import dev.tviews.common.TViewsException;

/** A tviews setting or {@code tviews.yml} is invalid; the message names the source, the key and what is allowed. */
public class ConfigException extends TViewsException {


    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
