package dev.assay.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserSpecTest {

    @Test
    void parsesNamesPasswordsAndOptionalRoles() {
        assertThat(UserSpec.parseAll("alice:s3cret, bob:pass:admin,carol:x:USER"))
                .extracting(UserSpec::username, UserSpec::password, UserSpec::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", "s3cret", Role.USER),
                        org.assertj.core.groups.Tuple.tuple("bob", "pass", Role.ADMIN),
                        org.assertj.core.groups.Tuple.tuple("carol", "x", Role.USER));
    }

    @Test
    void anEmptySettingHasNoUsers() {
        assertThat(UserSpec.parseAll("")).isEmpty();
        assertThat(UserSpec.parseAll(null)).isEmpty();
        assertThat(UserSpec.parseAll(" , ")).isEmpty();
    }

    @Test
    void malformedEntriesAreNamedWithoutTheirPassword() {
        assertThatThrownBy(() -> UserSpec.parseAll("alice")).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> UserSpec.parseAll("alice:pa:ss:USER")).hasMessageContaining("entry 1")
                .hasMessageNotContaining("pa:ss");
        assertThatThrownBy(() -> UserSpec.parseAll("alice:topsecret:ROOT"))
                .hasMessageContaining("unknown role 'ROOT'").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> UserSpec.parseAll("ok:pw,bad name:pw")).hasMessageContaining("entry 2");
        assertThatThrownBy(() -> UserSpec.parseAll("alice:")).hasMessageContaining("empty password");
        assertThat(UserSpec.parseAll("alice:pw").get(0).toString()).doesNotContain("pw");
    }
}
