/**
 * Fuzz targets for every decoder that reads what a client sends: Engine.IO frames and long-polling bodies
 * ({@code EngineCodecFuzzTest}), Socket.IO packets and their binary reassembly ({@code SocketCodecFuzzTest}), and
 * the gateway's reading of an event's payload ({@code PayloadFuzzTest}). Each asserts its decoder's contract: a
 * well-formed result that encodes back to what was read, or the one documented rejection; anything else thrown is
 * a finding.
 *
 * <p><b>In {@code mvn verify}</b> (no {@code JAZZER_FUZZ} in the environment) the targets run as plain JUnit tests,
 * once on the empty input and once on every file under
 * {@code src/test/resources/dev/realtime/fuzz/<Class>Inputs/<method>/}: the curated seeds and every past finding.
 * {@code MalformedPacketCorpusTest} runs the hand-written {@code malformed-packets.txt} alongside.
 *
 * <p><b>To fuzz</b>, one target at a time (Jazzer fuzzes one per JVM):
 * <pre>
 * fuzz/run.sh                 # each of the five targets for 120 s: 10 minutes in all
 * fuzz/run.sh 600 SocketCodecFuzzTest#reconstruct
 * </pre>
 * A finding fails the run and is saved as {@code crash-<sha1>} in the target's inputs directory; fix the decoder,
 * add a unit test beside the decoder's own, and commit the crash file so that {@code mvn verify} replays it. The
 * corpus the fuzzer grows stays in {@code target/fuzz} and is not committed; only a small seed set is.
 *
 * <p>Also here, as the other half of the same issue item (robustness against what a client sends):
 * {@code NettyLeakCheck}, which fails any test class, unit or integration, in which Netty's paranoid leak detector
 * reported a leaked buffer.
 */
package dev.realtime.fuzz;
