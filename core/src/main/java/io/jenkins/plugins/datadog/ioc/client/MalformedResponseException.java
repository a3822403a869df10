package io.jenkins.plugins.datadog.ioc.client;

/** A successful response whose body is not the JSON document the API promises. */
public class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }
}
