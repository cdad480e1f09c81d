package dev.guildhall.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who a failed authentication counts against: the rule, without HTTP. */
class FailedAuthThrottleTest {

    @Test
    void anIpv4ClientIsItsAddress() {
        assertThat(FailedAuthThrottle.client("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        assertThat(FailedAuthThrottle.client("2001:db8:a:b:1:2:3:4")).isEqualTo("2001:db8:a:b::/64");
        assertThat(FailedAuthThrottle.client("2001:db8:a:b:0:0:0:1%eth0")).isEqualTo("2001:db8:a:b::/64");
        assertThat(FailedAuthThrottle.client("2001:db8:a:c:0:0:0:1")).isNotEqualTo(FailedAuthThrottle.client("2001:db8:a:b:0:0:0:1"));
    }

    @Test
    void anIpv4AddressMappedToIpv6StaysItself() {
        // grouping these by /64 would put every IPv4 client of a dual-stack socket in one bucket
        assertThat(FailedAuthThrottle.client("0:0:0:0:0:ffff:cb00:7107")).isEqualTo("0:0:0:0:0:ffff:cb00:7107");
    }

    @Test
    void aForwardedNameThatIsNoAddressIsTakenAsItIs() {
        assertThat(FailedAuthThrottle.client("unknown")).isEqualTo("unknown");
    }
}
