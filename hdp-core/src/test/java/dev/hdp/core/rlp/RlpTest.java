package dev.hdp.core.rlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RlpTest {
  private static byte[] hex(String s) {
    return Hex.decode(s);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Vectors from ethereum/tests {@code RLPTests/rlptest.json} (commit 0d2c026f): each value is
   * encoded with {@link RlpEncoder} and must give the listed bytes, which must decode back.
   */
  static Stream<Arguments> rlptestStrings() {
    String lorem55 = "Lorem ipsum dolor sit amet, consectetur adipisicing eli";
    return Stream.of(
        Arguments.of("emptystring", new byte[0], "80"),
        Arguments.of("bytestring00", new byte[] {0}, "00"),
        Arguments.of("bytestring01", new byte[] {1}, "01"),
        Arguments.of("bytestring7F", new byte[] {0x7f}, "7f"),
        Arguments.of("shortstring", utf8("dog"), "83646f67"),
        Arguments.of(
            "shortstring2",
            utf8(lorem55),
            "b74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164"
                + "697069736963696e6720656c69"),
        Arguments.of(
            "longstring",
            utf8(lorem55 + "t"),
            "b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e736563746574757220"
                + "6164697069736963696e6720656c6974"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rlptestStrings")
  void encodesAndDecodesStringVectors(String name, byte[] value, String encoded) {
    assertArrayEquals(hex(encoded), RlpEncoder.encodeBytes(value));
    RlpString decoded = RlpDecoder.decode(hex(encoded)).asString();
    assertArrayEquals(value, decoded.bytes());
    assertEquals(hex(encoded).length, decoded.encodedLength());
  }

  static Stream<Arguments> rlptestIntegers() {
    return Stream.of(
        Arguments.of("zero", "0", "80"),
        Arguments.of("smallint", "1", "01"),
        Arguments.of("smallint2", "16", "10"),
        Arguments.of("smallint3", "79", "4f"),
        Arguments.of("smallint4", "127", "7f"),
        Arguments.of("mediumint1", "128", "8180"),
        Arguments.of("mediumint2", "1000", "8203e8"),
        Arguments.of("mediumint3", "100000", "830186a0"),
        Arguments.of(
            "mediumint4",
            "83729609699884896815286331701780722",
            "8f102030405060708090a0b0c0d0e0f2"),
        Arguments.of(
            "mediumint5",
            "105315505618206987246253880190783558935785933862974822347068935681",
            "9c0100020003000400050006000700080009000a000b000c000d000e01"),
        Arguments.of(
            "bigint",
            "115792089237316195423570985008687907853269984665640564039457584007913129639936",
            "a1010000000000000000000000000000000000000000000000000000000000000000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rlptestIntegers")
  void encodesAndDecodesIntegerVectors(String name, String decimal, String encoded) {
    BigInteger value = new BigInteger(decimal);
    assertArrayEquals(hex(encoded), RlpEncoder.encodeBigInteger(value));
    assertEquals(value, RlpDecoder.decode(hex(encoded)).asString().asBigInteger(33));
    if (value.bitLength() < 63) {
      assertArrayEquals(hex(encoded), RlpEncoder.encodeLong(value.longValueExact()));
      assertEquals(value.longValueExact(), RlpDecoder.decode(hex(encoded)).asString().asLong());
    }
  }

  @Test
  void encodesAndDecodesListVectors() {
    byte[] dog = RlpEncoder.encodeBytes(utf8("dog"));
    byte[] god = RlpEncoder.encodeBytes(utf8("god"));
    byte[] cat = RlpEncoder.encodeBytes(utf8("cat"));
    assertArrayEquals(hex("c0"), RlpEncoder.encodeList());
    assertArrayEquals(hex("cc83646f6783676f6483636174"), RlpEncoder.encodeList(dog, god, cat));
    // multilist: [ "zw", [ 4 ], 1 ]
    assertArrayEquals(
        hex("c6827a77c10401"),
        RlpEncoder.encodeList(
            RlpEncoder.encodeBytes(utf8("zw")),
            RlpEncoder.encodeList(RlpEncoder.encodeLong(4)),
            RlpEncoder.encodeLong(1)));
    // listsoflists2: [ [], [[]], [ [], [[]] ] ]
    byte[] empty = RlpEncoder.encodeList();
    byte[] nested = RlpEncoder.encodeList(empty);
    assertArrayEquals(
        hex("c7c0c1c0c3c0c1c0"),
        RlpEncoder.encodeList(empty, nested, RlpEncoder.encodeList(empty, nested)));
    // longList1: four times ["asdf","qwer","zxcv"], 64 payload bytes: long list form
    byte[] triple =
        RlpEncoder.encodeList(
            RlpEncoder.encodeBytes(utf8("asdf")),
            RlpEncoder.encodeBytes(utf8("qwer")),
            RlpEncoder.encodeBytes(utf8("zxcv")));
    byte[] longList1 = RlpEncoder.encodeList(triple, triple, triple, triple);
    assertArrayEquals(
        hex(
            "f840cf84617364668471776572847a786376cf84617364668471776572847a786376cf8461736466847177"
                + "6572847a786376cf84617364668471776572847a786376"),
        longList1);
    RlpList decoded = RlpDecoder.decodeList(longList1);
    assertEquals(4, decoded.size());
    assertEquals(3, decoded.get(3).asList().size());
    assertArrayEquals(utf8("zxcv"), decoded.get(3).asList().string(2).bytes());
    // dictTest1
    byte[] dict =
        RlpEncoder.encodeList(
            pair("key1", "val1"), pair("key2", "val2"), pair("key3", "val3"), pair("key4", "val4"));
    assertArrayEquals(
        hex(
            "ecca846b6579318476616c31ca846b6579328476616c32ca846b6579338476616c33ca846b657934847661"
                + "6c34"),
        dict);
  }

  private static byte[] pair(String k, String v) {
    return RlpEncoder.encodeList(RlpEncoder.encodeBytes(utf8(k)), RlpEncoder.encodeBytes(utf8(v)));
  }

  /** ethereum/tests {@code RLPTests/invalidRLPTest.json} (commit 16806bfc), with the reason. */
  static Stream<Arguments> invalidVectors() {
    return Stream.of(
        Arguments.of("int32Overflow", "bf0f000000000000021111", RlpException.Kind.LENGTH_OVERFLOW),
        Arguments.of("int32Overflow2", "ff0f000000000000021111", RlpException.Kind.LENGTH_OVERFLOW),
        Arguments.of("wrongSizeList", "f80180", RlpException.Kind.NON_CANONICAL_LENGTH),
        Arguments.of("wrongSizeList2", "f80100", RlpException.Kind.NON_CANONICAL_LENGTH),
        Arguments.of(
            "incorrectLengthInArray",
            "b9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e582081b0565df0",
            RlpException.Kind.LEADING_ZERO_IN_LENGTH),
        Arguments.of(
            "randomRLP",
            "f861f83eb9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e582081b0565df027b900"
                + "15002d5ef8325ae4d034df55d4b58d0dfba64d61ddd17be00000b9001a00dae30907045a2f66fa36"
                + "f2bb8aa9029cbb0b8a7b3b5c435ab331",
            RlpException.Kind.LEADING_ZERO_IN_LENGTH),
        Arguments.of(
            "bytesShouldBeSingleByte00", "8100", RlpException.Kind.NON_CANONICAL_SINGLE_BYTE),
        Arguments.of(
            "bytesShouldBeSingleByte01", "8101", RlpException.Kind.NON_CANONICAL_SINGLE_BYTE),
        Arguments.of(
            "bytesShouldBeSingleByte7F", "817F", RlpException.Kind.NON_CANONICAL_SINGLE_BYTE),
        Arguments.of(
            "leadingZerosInLongLengthArray1",
            "b90040000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526"
                + "2728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
            RlpException.Kind.LEADING_ZERO_IN_LENGTH),
        Arguments.of(
            "leadingZerosInLongLengthArray2", "b800", RlpException.Kind.LEADING_ZERO_IN_LENGTH),
        Arguments.of(
            "leadingZerosInLongLengthList1",
            "fb00000040000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526"
                + "2728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
            RlpException.Kind.LEADING_ZERO_IN_LENGTH),
        Arguments.of(
            "leadingZerosInLongLengthList2", "f800", RlpException.Kind.LEADING_ZERO_IN_LENGTH),
        Arguments.of(
            "nonOptimalLongLengthArray1",
            "b81000112233445566778899aabbccddeeff",
            RlpException.Kind.NON_CANONICAL_LENGTH),
        Arguments.of(
            "nonOptimalLongLengthArray2", "b801ff", RlpException.Kind.NON_CANONICAL_LENGTH),
        Arguments.of(
            "nonOptimalLongLengthList1",
            "f810000102030405060708090a0b0c0d0e0f",
            RlpException.Kind.NON_CANONICAL_LENGTH),
        Arguments.of(
            "nonOptimalLongLengthList2", "f803112233", RlpException.Kind.NON_CANONICAL_LENGTH),
        // Our own edge cases.
        Arguments.of("truncatedString", "83616263".substring(0, 6), RlpException.Kind.TRUNCATED),
        Arguments.of("truncatedLongLength", "b9", RlpException.Kind.TRUNCATED),
        Arguments.of("itemOverrunsItsList", "c283616263", RlpException.Kind.TRUNCATED),
        Arguments.of("trailingBytes", "8000", RlpException.Kind.TRAILING_BYTES),
        Arguments.of("trailingAfterList", "c0c0", RlpException.Kind.TRAILING_BYTES),
        Arguments.of(
            "nonCanonicalInsideList", "c28100", RlpException.Kind.NON_CANONICAL_SINGLE_BYTE),
        Arguments.of("empty", "", RlpException.Kind.EMPTY_INPUT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVectors")
  void rejectsInvalidEncodingsWithTheirReason(String name, String hex, RlpException.Kind kind) {
    RlpException e = assertThrows(RlpException.class, () -> RlpDecoder.decode(hex(hex)));
    assertEquals(kind, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("at byte " + e.offset()), e.getMessage());
  }

  @Test
  void errorMessageShowsAHexWindowAroundTheOffset() {
    byte[] input = hex("c6827a77c1048100");
    RlpException e = assertThrows(RlpException.class, () -> RlpDecoder.decode(input));
    assertEquals(RlpException.Kind.TRUNCATED, e.kind());
    assertEquals(6, e.offset());
    assertEquals(
        "item of 1 payload bytes runs past the end of its enclosing list at 7 (at byte 6 of 8:"
            + " 0xc6827a77c104[81]00)",
        e.getMessage());
  }

  @Test
  void integerAccessorsAreStrict() {
    RlpException leadingZero =
        assertThrows(
            RlpException.class, () -> RlpDecoder.decode(hex("820001")).asString().asLong());
    assertEquals(RlpException.Kind.LEADING_ZERO_IN_INTEGER, leadingZero.kind());
    RlpException tooLarge =
        assertThrows(
            RlpException.class,
            () -> RlpDecoder.decode(hex("888000000000000000")).asString().asLong());
    assertEquals(RlpException.Kind.INTEGER_TOO_LARGE, tooLarge.kind());
    RlpException wrongType =
        assertThrows(RlpException.class, () -> RlpDecoder.decode(hex("c0")).asString());
    assertEquals(RlpException.Kind.WRONG_TYPE, wrongType.kind());
    RlpException wrongLength =
        assertThrows(
            RlpException.class, () -> RlpDecoder.decode(hex("8401020304")).asString().asBytes32());
    assertEquals(RlpException.Kind.WRONG_LENGTH, wrongLength.kind());
    assertEquals(0, RlpDecoder.decode(hex("80")).asString().asLong());
  }

  @Test
  void contextKeepsKindAndOffset() {
    RlpException e =
        assertThrows(RlpException.class, () -> RlpDecoder.decode(hex("c28100")))
            .within("header field x");
    assertEquals(RlpException.Kind.NON_CANONICAL_SINGLE_BYTE, e.kind());
    assertEquals(1, e.offset());
    assertTrue(e.getMessage().startsWith("header field x: single byte"), e.getMessage());
  }

  @Test
  void rejectsDeepNestingWithoutOverflowingTheStack() {
    byte[] nested = RlpEncoder.encodeList();
    for (int depth = 1; depth <= RlpDecoder.MAX_DEPTH; depth++) {
      nested = RlpEncoder.encodeList(nested);
    }
    byte[] maxDepth = nested; // MAX_DEPTH lists around an empty list: still accepted
    assertEquals(1, RlpDecoder.decodeList(maxDepth).size());
    RlpException e =
        assertThrows(RlpException.class, () -> RlpDecoder.decode(RlpEncoder.encodeList(maxDepth)));
    assertEquals(RlpException.Kind.NESTING_TOO_DEEP, e.kind());
  }

  @Test
  void viewsDoNotCopyUntilAsked() {
    byte[] input = RlpEncoder.encodeList(RlpEncoder.encodeBytes(utf8("dog")));
    RlpList list = RlpDecoder.decodeList(input);
    RlpString dog = list.string(0);
    assertEquals(1, dog.offset());
    assertEquals(3, dog.length());
    assertTrue(dog.contentEquals(utf8("dog")));
    assertTrue(list.encodingEquals(input));
    assertEquals(List.of(dog), list.items());
  }

  /**
   * Mutated encodings decode or throw only {@link RlpException}: untrusted bytes never escape as an
   * index or arithmetic exception. The seed is fixed so that a failure reproduces.
   */
  @Test
  void mutatedInputsOnlyEverThrowRlpException() {
    byte[] base =
        RlpEncoder.encodeList(
            RlpEncoder.encodeBytes(new byte[70]),
            RlpEncoder.encodeList(RlpEncoder.encodeLong(1), RlpEncoder.encodeBytes(utf8("dog"))),
            RlpEncoder.encodeLong(100000),
            RlpEncoder.encodeBytes(new byte[300]));
    long seed = 20261121L;
    Random random = new Random(seed);
    int rejected = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] mutated = base.clone();
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      int cut = random.nextInt(8) == 0 ? random.nextInt(mutated.length) : mutated.length;
      byte[] input = Arrays.copyOf(mutated, cut);
      try {
        RlpDecoder.decode(input);
      } catch (RlpException e) {
        rejected++;
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " round " + round + ": " + Hex.encode(input), e);
      }
    }
    assertTrue(rejected > 1000, "most mutations are rejected: " + rejected);
  }
}
