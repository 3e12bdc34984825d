package dev.tiering.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Which webhook URLs the service refuses to call: anything on an address inside a network rather
 * than on the internet, however it is written, unless such addresses are allowed.
 */
@Execution(ExecutionMode.CONCURRENT)
class WebhookUrlsTest {

    @Test
    void loopback_private_link_local_and_other_internal_addresses_are_internal() throws Exception {
        for (String a :
                new String[] {
                    "127.0.0.1",
                    "127.8.9.10",
                    "10.1.2.3",
                    "172.16.0.1",
                    "172.31.255.255",
                    "192.168.1.1",
                    "169.254.169.254",
                    "100.64.0.1",
                    "0.0.0.0",
                    "255.255.255.255",
                    "224.0.0.1",
                    "::1",
                    "::",
                    "fe80::1",
                    "fc00::1",
                    "fd12:3456::1",
                    "::ffff:127.0.0.1",
                    "::ffff:10.0.0.1",
                    "64:ff9b::a00:1"
                }) {
            assertThat(WebhookUrls.internal(InetAddress.getByName(a))).as(a).isTrue();
        }
        for (String a :
                new String[] {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"}) {
            assertThat(WebhookUrls.internal(InetAddress.getByName(a))).as(a).isFalse();
        }
    }

    @Test
    void an_internal_url_is_refused_unless_allowed() throws Exception {
        for (String url :
                new String[] {
                    "http://127.0.0.1:8080/hook",
                    "http://localhost/hook",
                    "https://10.0.0.5/hook",
                    "http://[::1]:9000/hook",
                    "http://169.254.169.254/latest/meta-data",
                    "http://2130706433/"
                }) {
            WebhookUrls.Target target = WebhookUrls.parse(url);
            assertThatThrownBy(() -> WebhookUrls.resolve(target, false))
                    .as(url)
                    .isInstanceOf(WebhookUrls.RefusedUrlException.class)
                    .hasMessageContaining("tiering.webhooks.allow-private");
            assertThat(WebhookUrls.resolve(target, true)).isNotNull();
        }
        assertThat(WebhookUrls.resolve(WebhookUrls.parse("http://93.184.216.34/hook"), false))
                .isEqualTo(InetAddress.getByName("93.184.216.34"));
    }

    @Test
    void only_plain_http_and_https_urls_with_a_host_are_taken() {
        for (String url :
                new String[] {
                    "ftp://example.com/x",
                    "file:///etc/passwd",
                    "gopher://example.com/",
                    "http:///nohost",
                    "http://user:pw@example.com/",
                    "not a url",
                    ""
                }) {
            assertThatThrownBy(() -> WebhookUrls.parse(url))
                    .as(url)
                    .isInstanceOf(WebhookUrls.RefusedUrlException.class);
        }
    }

    @Test
    void a_secret_is_whsec_and_the_base64_of_24_to_64_bytes() throws Exception {
        String ok = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(WebhookUrls.secretKey(ok)).hasSize(32);
        for (String bad :
                new String[] {
                    null,
                    "hunter2",
                    "whsec_!!!",
                    "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[8]),
                    "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[65])
                }) {
            assertThatThrownBy(() -> WebhookUrls.secretKey(bad))
                    .isInstanceOf(WebhookUrls.RefusedUrlException.class);
        }
    }
}
