package io.jenkins.plugins.datadog.ioc.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The product's name and version, as sent in the User-Agent. */
public final class ProductInfo {
    public static final String NAME = "datadog-ioc-lookup";
    public static final String VERSION = readVersion();

    private ProductInfo() {}

    private static String readVersion() {
        try (InputStream in = ProductInfo.class.getResourceAsStream("product.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
