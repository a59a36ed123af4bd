package dev.hdp.core.trie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hdp.core.bytes.Bytes32;
import dev.hdp.core.bytes.Hex;
import dev.hdp.core.bytes.Keccak256;
import dev.hdp.core.proof.FailureReason;
import dev.hdp.core.proof.ProofResult;
import dev.hdp.core.rlp.RlpEncoder;
import dev.hdp.core.rlp.RlpString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trie builder against ethereum/tests {@code TrieTests/trietest.json} (commit e489c3cf) and
 * {@code hex_encoded_securetrie_test.json} (commit 089e3469), and the proof verifier against the
 * builder's proofs, present and absent.
 */
class MerklePatriciaTrieTest {
  private static byte[] key(String s) {
    return s.startsWith("0x") ? Hex.decode(s) : s.getBytes(StandardCharsets.UTF_8);
  }

  /** Applies the vector's puts and deletes (a null value deletes), in order. */
  private static MerklePatriciaTrie apply(String[][] ops, Map<String, String> live) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (String[] op : ops) {
      if (op[1] == null) {
        trie.remove(key(op[0]));
        live.remove(op[0]);
      } else {
        trie.put(key(op[0]), key(op[1]));
        live.put(op[0], op[1]);
      }
    }
    return trie;
  }

  private static void checkVector(String[][] ops, String root) {
    Map<String, String> live = new LinkedHashMap<>();
    MerklePatriciaTrie trie = apply(ops, live);
    assertEquals(Bytes32.fromHex(root), trie.rootHash());
    for (Map.Entry<String, String> e : live.entrySet()) {
      ProofResult<Optional<RlpString>> r =
          MerklePatriciaProof.verify(trie.rootHash(), key(e.getKey()), trie.proof(key(e.getKey())));
      assertTrue(r.isValid(), () -> e.getKey() + ": " + r);
      assertArrayEquals(key(e.getValue()), r.value().orElseThrow().bytes(), e.getKey());
    }
    for (String[] op : ops) {
      if (!live.containsKey(op[0])) {
        ProofResult<Optional<RlpString>> r =
            MerklePatriciaProof.verify(trie.rootHash(), key(op[0]), trie.proof(key(op[0])));
        assertTrue(r.isValid(), () -> op[0] + ": " + r);
        assertEquals(Optional.empty(), r.value(), "deleted key " + op[0] + " is proven absent");
      }
    }
  }

  @Test
  void emptyValues() {
    checkVector(
        new String[][] {
          {"do", "verb"},
          {"ether", "wookiedoo"},
          {"horse", "stallion"},
          {"shaman", "horse"},
          {"doge", "coin"},
          {"ether", null},
          {"dog", "puppy"},
          {"shaman", null}
        },
        "0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84");
  }

  @Test
  void jeff() {
    checkVector(
        new String[][] {
          {
            "0x0000000000000000000000000000000000000000000000000000000000000045",
            "0x22b224a1420a802ab51d326e29fa98e34c4f24ea"
          },
          {
            "0x0000000000000000000000000000000000000000000000000000000000000046",
            "0x67706c2076330000000000000000000000000000000000000000000000000000"
          },
          {
            "0x0000000000000000000000000000000000000000000000000000001234567890",
            "0x697c7b8c961b56f675d570498424ac8de1a918f6"
          },
          {"0x000000000000000000000000697c7b8c961b56f675d570498424ac8de1a918f6", "0x1234567890"},
          {
            "0x0000000000000000000000007ef9e639e2733cb34e4dfc576d4b23f72db776b2",
            "0x4655474156000000000000000000000000000000000000000000000000000000"
          },
          {
            "0x000000000000000000000000ec4f34c97e43fbb2816cfd95e388353c7181dab1",
            "0x4e616d6552656700000000000000000000000000000000000000000000000000"
          },
          {
            "0x4655474156000000000000000000000000000000000000000000000000000000",
            "0x7ef9e639e2733cb34e4dfc576d4b23f72db776b2"
          },
          {
            "0x4e616d6552656700000000000000000000000000000000000000000000000000",
            "0xec4f34c97e43fbb2816cfd95e388353c7181dab1"
          },
          {"0x0000000000000000000000000000000000000000000000000000001234567890", null},
          {
            "0x000000000000000000000000697c7b8c961b56f675d570498424ac8de1a918f6",
            "0x6f6f6f6820736f2067726561742c207265616c6c6c793f000000000000000000"
          },
          {
            "0x6f6f6f6820736f2067726561742c207265616c6c6c793f000000000000000000",
            "0x697c7b8c961b56f675d570498424ac8de1a918f6"
          }
        },
        "0x9f6221ebb8efe7cff60a716ecb886e67dd042014be444669f0159d8e68b42100");
  }

  @Test
  void insertMiddleLeaf() {
    checkVector(
        new String[][] {
          {"key1aa", "0123456789012345678901234567890123456789xxx"},
          {"key1", "0123456789012345678901234567890123456789Very_Long"},
          {"key2bb", "aval3"},
          {"key2", "short"},
          {"key3cc", "aval3"},
          {"key3", "1234567890123456789012345678901"}
        },
        "0xcb65032e2f76c48b82b5c24b3db8f670ce73982869d38cd39a624f23d62a9e89");
  }

  @Test
  void branchingTestsEndEmpty() {
    String[] addresses = {
      "0x04110d816c380812a427968ece99b1c963dfbce6", "0x095e7baea6a6c7c4c2dfeb977efac326af552d87",
      "0x0a517d755cebbf66312b30fff713666a9cb917e0", "0x24dd378f51adc67a50e339e8031fe9bd4aafab36",
      "0x293f982d000532a7861ab122bdc4bbfd26bf9030", "0x2cf5732f017b0cf1b1f13a1478e10239716bf6b5",
      "0x31c640b92c21a1f1465c91070b4b3b4d6854195f", "0x37f998764813b136ddf5a754f34063fd03065e36",
      "0x37fa399a749c121f8a15ce77e3d9f9bec8020d7a", "0x4f36659fa632310b6ec438dea4085b522a2dd077",
      "0x62c01474f089b07dae603491675dc5b5748f7049", "0x729af7294be595a0efd7d891c9e51f89c07950c7",
      "0x83e3e5a16d3b696a0314b30b2534804dd5e11197", "0x8703df2417e0d7c59d063caa9583cb10a4d20532",
      "0x8dffcd74e5b5923512916c6a64b502689cfa65e1", "0x95a4d7cccb5204733874fa87285a176fe1e9e240",
      "0x99b2fcba8120bedd048fe79f5262a6690ed38c39", "0xa4202b8b8afd5354e3e40a219bdc17f6001bf2cf",
      "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b", "0xa9647f4a0a14042d91dc33c0328030a7157c93ae",
      "0xaa6cffe5185732689c18f37a7f86170cb7304c2a", "0xaae4a2e3c51c04606dcb3723456e58f3ed214f45",
      "0xc37a43e940dfb5baf581a0b82b351d48305fc885", "0xd2571607e241ecf590ed94b12d87c94babe36db6",
      "0xf735071cbee190d76b704ce68384fc21e389fbe7"
    };
    List<String[]> ops = new ArrayList<>();
    for (String a : addresses) {
      ops.add(new String[] {a, "something"});
    }
    for (String a : addresses) {
      ops.add(new String[] {a, null});
    }
    checkVector(ops.toArray(new String[0][]), MerklePatriciaProof.EMPTY_TRIE_ROOT.toHex());
    ProofResult<Optional<RlpString>> empty =
        MerklePatriciaProof.verify(
            MerklePatriciaProof.EMPTY_TRIE_ROOT, key(addresses[0]), List.of());
    assertEquals(Optional.empty(), empty.value(), "an empty proof proves absence in an empty trie");
  }

  /** The state trie of a secure-trie vector: keys are keccak(address), values account RLPs. */
  @Test
  void secureTrieWithAccounts() {
    String[][] accounts = {
      {
        "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b",
        "0xf848018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d246"
            + "0186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
      },
      {
        "0x095e7baea6a6c7c4c2dfeb977efac326af552d87",
        "0xf8440101a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a004bccc5d94f4d1"
            + "f99aab44369a910179931772f2a5c001c3229f57831c102769"
      },
      {
        "0xd2571607e241ecf590ed94b12d87c94babe36db6",
        "0xf8440180a0ba4b47865c55a341a4a78759bb913cd15c3ee8eaf30a62fa8d1c8863113d84e8a0c5d2460186f723"
            + "3c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
      },
      {
        "0x62c01474f089b07dae603491675dc5b5748f7049",
        "0xf8448080a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f723"
            + "3c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
      },
      {
        "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
        "0xf8478083019a59a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d24601"
            + "86f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
      }
    };
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (String[] a : accounts) {
      trie.put(Keccak256.hash(Hex.decode(a[0])).toArray(), Hex.decode(a[1]));
    }
    assertEquals(
        Bytes32.fromHex("0x730a444e08ab4b8dee147c9b232fc52d34a223d600031c1e9d25bfc985cbd797"),
        trie.rootHash());
  }

  /**
   * Random tries with short and long values (so with embedded and hashed nodes) and index keys
   * {@code rlp(i)} as in a transaction trie: every key proves its value, keys beyond prove absent.
   */
  @Test
  void randomTriesProveEveryKeyAndAbsentOnes() {
    long seed = 7L;
    Random random = new Random(seed);
    for (int round = 0; round < 30; round++) {
      MerklePatriciaTrie trie = new MerklePatriciaTrie();
      int n = 1 + random.nextInt(300);
      List<byte[]> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] value = new byte[1 + random.nextInt(random.nextBoolean() ? 4 : 120)];
        random.nextBytes(value);
        values.add(value);
        trie.put(RlpEncoder.encodeLong(i), value);
      }
      Bytes32 root = trie.rootHash();
      for (int i = 0; i < n + 5; i++) {
        byte[] key = RlpEncoder.encodeLong(i);
        ProofResult<Optional<RlpString>> r = MerklePatriciaProof.verify(root, key, trie.proof(key));
        int index = i;
        assertTrue(r.isValid(), () -> "seed " + seed + ", key " + index + ": " + r);
        if (i < n) {
          assertArrayEquals(values.get(i), r.value().orElseThrow().bytes());
        } else {
          assertEquals(Optional.empty(), r.value());
        }
      }
    }
  }

  @Test
  void aProofForOneKeyDoesNotProveAnother() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (int i = 0; i < 200; i++) {
      trie.put(RlpEncoder.encodeLong(i), new byte[40]);
    }
    ProofResult<Optional<RlpString>> r =
        MerklePatriciaProof.verify(
            trie.rootHash(), RlpEncoder.encodeLong(7), trie.proof(RlpEncoder.encodeLong(150)));
    assertEquals(FailureReason.NODE_HASH_MISMATCH, r.failure().reason());
    assertEquals(1, r.failure().index());
  }
}
