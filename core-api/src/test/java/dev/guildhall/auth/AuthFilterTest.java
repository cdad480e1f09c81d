package dev.guildhall.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthFilterTest {

    @Test
    void utf8NamesSurviveTheLatin1HeaderDecoding() {
        String sent = "Zoë 🎮 Łukasz";
        String asReceived = new String(sent.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(AuthFilter.utf8(asReceived)).isEqualTo(sent);
        assertThat(AuthFilter.utf8("plain")).isEqualTo("plain");
        assertThat(AuthFilter.utf8("Zo\u00eb")).isEqualTo("Zo\u00eb"); // a lone Latin-1 byte is not UTF-8: kept
    }

    @Test
    void permissionsParseCaseInsensitivelyAndRefuseUnknownOnes() {
        assertThat(AuthFilter.permissions(" manage_server, BAN_MEMBERS ,"))
                .containsExactlyInAnyOrder(Permission.MANAGE_SERVER, Permission.BAN_MEMBERS);
        assertThat(AuthFilter.permissions(null)).isEmpty();
        assertThatThrownBy(() -> AuthFilter.permissions("ADMINISTRATOR")).hasMessageContaining("unknown permission");
    }
}
