package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.conversation.BatonSearchAttributes;
import dev.baton.conversation.ConversationIds;
import dev.baton.conversation.ConversationSettings;
import dev.baton.conversation.ConversationStart;
import dev.baton.conversation.ConversationWorkflow;
import dev.baton.conversation.Customer;
import dev.baton.conversation.CustomerMessage;
import dev.baton.conversation.TaskQueues;
import dev.baton.conversation.TurnResult;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker reaches a Temporal frontend that demands client certificates, configured only with
 * the settings docs/production.md gives (spring.temporal.connection.mtls.*, the server's CA in the
 * JVM trust store). Certificates come from a CA made here with the JDK's keytool. The Temporal CLI
 * dev server has no TLS options, so the frontend is Temporal's Java test server behind a TLS
 * terminator that asks for a client certificate signed by that CA, as a self-hosted frontend
 * with requireClientAuth does.
 */
@SpringBootTest(
    properties = {
      "server.port=0",
      "baton.codec.keys=tls:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "spring.temporal.connection.mtls.pkcs=8"
    })
@DirtiesContext
class TemporalMutualTlsTest {
  private static final String PASSWORD = "changeit";
  private static final Path CERTS = certificates();
  private static final String TRUST_STORE_BEFORE = System.getProperty("javax.net.ssl.trustStore");
  private static final int SERVER_PORT = freePort();
  private static final TestServer.PortBoundTestServer SERVER = TestServer.createPortBoundServer(SERVER_PORT);
  private static final TlsFrontend FRONTEND = new TlsFrontend(CERTS, SERVER_PORT);
  private static final EmbeddedPostgres POSTGRES = postgres();

  @Autowired WorkflowClient client;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registerSearchAttributes();
    // The frontend's certificate is signed by the local CA: the JVM trusts it through its trust
    // store, as docs/production.md says to do for a private CA.
    System.setProperty("javax.net.ssl.trustStore", CERTS.resolve("truststore.p12").toString());
    System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + FRONTEND.port());
    registry.add("spring.temporal.connection.mtls.cert-chain-file", () -> CERTS.resolve("client-chain.pem").toString());
    registry.add("spring.temporal.connection.mtls.key-file", () -> CERTS.resolve("client-key.pem").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    FRONTEND.close();
    SERVER.close();
    POSTGRES.close();
    if (TRUST_STORE_BEFORE == null) {
      System.clearProperty("javax.net.ssl.trustStore");
    } else {
      System.setProperty("javax.net.ssl.trustStore", TRUST_STORE_BEFORE);
    }
    System.clearProperty("javax.net.ssl.trustStorePassword");
  }

  @Test
  void aConversationTurnRunsOverMutualTlsWithTheWorkersCertificate() {
    ConversationWorkflow conversation =
        client.newWorkflowStub(
            ConversationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ConversationIds.workflowId("tls-1"))
                .setTaskQueue(TaskQueues.CONVERSATIONS)
                .build());
    WorkflowClient.start(
        conversation::run,
        ConversationStart.first("tls-1", new Customer("cust-1", "Ada", null, null, "en"), "web", ConversationSettings.DEFAULTS));

    TurnResult turn = conversation.sendMessage(new CustomerMessage("m1", "Where is my order 12345678?"));

    assertThat(turn.replies()).singleElement().satisfies(m -> assertThat(m.text()).contains("12345678"));
    assertThat(FRONTEND.clients()).isNotEmpty().allSatisfy(subject -> assertThat(subject).isEqualTo("CN=baton-worker"));
  }

  @Test
  void aClientWithoutACertificateIsTurnedAway() {
    WorkflowServiceStubs stranger =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + FRONTEND.port())
                .setSslContext(sslWithoutClientCertificate())
                .setRpcTimeout(Duration.ofSeconds(5))
                .validateAndBuildWithDefaults());
    try {
      assertThatThrownBy(() -> stranger.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class);
      assertThat(FRONTEND.refused()).isPositive();
    } finally {
      stranger.shutdownNow();
    }
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslWithoutClientCertificate() {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(CERTS.resolve("truststore.p12")));
      return io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forClient().trustManager(trust).build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + SERVER_PORT).validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace("default");
      BatonSearchAttributes.ALL.forEach(key -> request.putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  /** A CA, a server certificate for 127.0.0.1 and a client certificate for the worker, by keytool. */
  private static Path certificates() {
    try {
      Path dir = Files.createTempDirectory("baton-tls");
      keytool(dir, "-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=Baton Test CA", "-keyalg", "EC", "-ext", "bc:c", "-validity", "2");
      keytool(dir, "-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.pem");
      keytool(dir, "-importcert", "-keystore", "truststore.p12", "-alias", "ca", "-file", "ca.pem", "-noprompt");
      signed(dir, "server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", "eku=serverAuth");
      signed(dir, "client", "CN=baton-worker", null, "eku=clientAuth");
      KeyStore client = load(dir.resolve("client.p12"));
      Files.writeString(dir.resolve("client-key.pem"), pem("PRIVATE KEY", client.getKey("client", PASSWORD.toCharArray()).getEncoded()));
      StringBuilder chain = new StringBuilder();
      for (Certificate c : client.getCertificateChain("client")) {
        chain.append(pem("CERTIFICATE", c.getEncoded()));
      }
      Files.writeString(dir.resolve("client-chain.pem"), chain);
      return dir;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot make the test certificates", e);
    }
  }

  private static void signed(Path dir, String name, String subject, String san, String usage) throws Exception {
    String store = name + ".p12";
    keytool(dir, "-genkeypair", "-keystore", store, "-alias", name, "-dname", subject, "-keyalg", "EC", "-validity", "2");
    keytool(dir, "-certreq", "-keystore", store, "-alias", name, "-file", name + ".csr");
    List<String> sign = new ArrayList<>(List.of("-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile", name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", "2", "-ext", usage));
    if (san != null) {
      sign.addAll(List.of("-ext", san));
    }
    keytool(dir, sign.toArray(String[]::new));
    keytool(dir, "-importcert", "-keystore", store, "-alias", "ca", "-file", "ca.pem", "-noprompt");
    keytool(dir, "-importcert", "-keystore", store, "-alias", name, "-file", name + ".pem", "-noprompt");
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  static KeyStore load(Path file) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EmbeddedPostgres postgres() {
    try {
      return EmbeddedPostgres.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
    }
  }

  /**
   * TLS in front of a plaintext gRPC server: HTTP/2 by ALPN, a client certificate signed by the
   * CA required, then bytes passed through. Remembers who connected and how many were refused.
   */
  static final class TlsFrontend implements AutoCloseable {
    private final SSLServerSocket socket;
    private final int backend;
    private final List<String> clients = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    TlsFrontend(Path certs, int backend) {
      this.backend = backend;
      try {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(certs.resolve("server.p12")), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(certs.resolve("truststore.p12")));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setNeedClientAuth(true);
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
      } catch (Exception e) {
        throw new IllegalStateException("Cannot start the TLS frontend", e);
      }
      daemon(this::accept);
    }

    int port() {
      return socket.getLocalPort();
    }

    List<String> clients() {
      return clients;
    }

    int refused() {
      return refused.get();
    }

    private static void daemon(Runnable work) {
      Thread thread = new Thread(work, "tls-frontend");
      thread.setDaemon(true);
      thread.start();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          SSLSocket client = (SSLSocket) socket.accept();
          daemon(() -> serve(client));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(SSLSocket client) {
      try {
        client.startHandshake();
        clients.add(client.getSession().getPeerPrincipal().getName());
      } catch (IOException e) {
        refused.incrementAndGet();
        closeQuietly(client);
        return;
      }
      try {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), backend);
        open.add(client);
        open.add(server);
        daemon(() -> pump(client, server));
        pump(server, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }

    private static void pump(Socket from, Socket to) {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // One side went away; closing both below ends the other direction too.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already gone.
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      open.forEach(TlsFrontend::closeQuietly);
    }
  }
}
