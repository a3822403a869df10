package io.jenkins.plugins.datadog.ioc.client;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Datadog sites that serve the IoC Explorer API, each at {@code https://api.<site>}. */
public enum DatadogSite {
    US1("datadoghq.com"),
    US3("us3.datadoghq.com"),
    US5("us5.datadoghq.com"),
    EU1("datadoghq.eu"),
    AP1("ap1.datadoghq.com"),
    AP2("ap2.datadoghq.com"),
    UK1("uk1.datadoghq.com"),
    US1_FED("ddog-gov.com"),
    US2_FED("us2.ddog-gov.com");

    public static final DatadogSite DEFAULT = US1;

    private final String domain;

    DatadogSite(String domain) {
        this.domain = domain;
    }

    /** The name users know the site by, as in {@code DD_SITE}: {@code datadoghq.eu}. */
    public String domain() {
        return domain;
    }

    public String apiBaseUrl() {
        return "https://api." + domain;
    }

    /**
     * Finds a site by its domain, as {@code DD_SITE} spells it. Surrounding white space, case, a
     * scheme and an {@code api.} or {@code app.} prefix are forgiven, since users paste URLs.
     *
     * @throws ConfigurationException naming the valid sites
     */
    public static DatadogSite fromDomain(String value) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        name = name.replaceFirst("^https?://", "").replaceFirst("/+$", "").replaceFirst("^(api|app)\\.", "");
        for (DatadogSite site : values()) {
            if (site.domain.equals(name)) {
                return site;
            }
        }
        throw new ConfigurationException("Unknown Datadog site '" + value + "'. Valid sites: " + validDomains() + '.');
    }

    public static String validDomains() {
        return Arrays.stream(values()).map(DatadogSite::domain).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return domain;
    }
}
