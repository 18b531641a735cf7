package org.alloc4j.envs;

/** A configuration value outside its allowed range; the message names the field, value and range. */
public class InvalidConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }

    /** "{@code owner}: field {@code field} = {@code value} is invalid; allowed: {@code allowed}". */
    public static InvalidConfigurationException of(String owner, String field, Object value, String allowed) {
        return new InvalidConfigurationException(owner + ": " + field + " = " + value + " is invalid; allowed: " + allowed);
    }
}
