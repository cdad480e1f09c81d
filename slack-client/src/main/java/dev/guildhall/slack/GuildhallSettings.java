package dev.guildhall.slack;

import io.smallrye.config.ConfigMapping;

/** Where core-api is and the platform key this adapter uses ({@code GUILDHALL_API_URL}, {@code GUILDHALL_API_KEY}). */
@ConfigMapping(prefix = "guildhall")
public interface GuildhallSettings {

    String apiUrl();

    String apiKey();
}
