package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.DatadogSite;

/**
 * Where a build's indicators can be looked at in Datadog: the IoC Explorer of the site it looked them up
 * on, at the route Datadog's documentation gives ({@code https://app.datadoghq.com/security/siem/ioc-explorer},
 * Cloud SIEM, Investigate, IOC Explorer). Datadog documents no address for one indicator, so the link opens
 * the explorer and {@link #note()} says to search for the indicator there.
 *
 * @param url the explorer, or {@code null} when there is none to link
 * @param note what the link does, or why there is none, in words for the page
 */
public record ExplorerLink(String url, String note) {
    static final String ROUTE = "/security/siem/ioc-explorer";

    /** @param site the site's domain as {@link LookupSummary#sites()} keeps it, or {@link LookupSummary#CUSTOM_SITE} */
    public static ExplorerLink forSite(String site) {
        if (LookupSummary.CUSTOM_SITE.equals(site)) {
            return new ExplorerLink(null, "No link to Datadog: the lookups went through a custom base URL, so the site is not known.");
        }
        DatadogSite known;
        try {
            known = DatadogSite.fromDomain(site);
        } catch (ConfigurationException e) {
            return new ExplorerLink(null, "No link to Datadog: '" + site + "' is not a known Datadog site.");
        }
        return switch (known) {
            // Datadog's IoC Explorer page says the product is not supported on the government sites.
            case US1_FED, US2_FED -> new ExplorerLink(null,
                    "No link to Datadog: its documentation says the IoC Explorer is not available on " + known.domain() + '.');
            default -> new ExplorerLink("https://" + appHost(known) + ROUTE,
                    "Datadog documents no address for one indicator: the link opens the IoC Explorer on "
                            + known.domain() + ", search for the indicator there.");
        };
    }

    /** The web application's host: {@code app.} before the sites that were first, the site itself for the others. */
    private static String appHost(DatadogSite site) {
        return switch (site) {
            case US1, EU1, US1_FED -> "app." + site.domain();
            default -> site.domain();
        };
    }
}
