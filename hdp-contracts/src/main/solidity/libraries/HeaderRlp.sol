// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Reads the parent hash (field 0) and the number (field 8) of an RLP block header, strictly:
///         the outer list must span the whole input, field 0 must be a 32-byte string, fields 1–7
///         strings, the number a string of at most 32 bytes. Any other shape reverts with its offset.
library HeaderRlp {
    error MalformedHeader(uint256 offset);

    function parentHashAndNumber(bytes calldata header) internal pure returns (bytes32 parentHash, uint256 number) {
        uint256 end = header.length;
        if (end == 0) revert MalformedHeader(0);
        uint256 prefix = uint8(header[0]);
        uint256 pos;
        if (prefix >= 0xf8) {
            uint256 lenOfLen = prefix - 0xf7;
            if (lenOfLen > 3 || 1 + lenOfLen > end) revert MalformedHeader(0);
            uint256 payload = _readBigEndian(header, 1, lenOfLen);
            pos = 1 + lenOfLen;
            if (pos + payload != end) revert MalformedHeader(0);
        } else if (prefix >= 0xc0) {
            pos = 1;
            if (pos + (prefix - 0xc0) != end) revert MalformedHeader(0);
        } else {
            revert MalformedHeader(0);
        }
        // field 0: parent hash, 0xa0 followed by 32 bytes
        if (pos + 33 > end || uint8(header[pos]) != 0xa0) revert MalformedHeader(pos);
        parentHash = bytes32(header[pos + 1:pos + 33]);
        pos += 33;
        for (uint256 field = 1; field < 8; ++field) {
            (uint256 start, uint256 len) = _string(header, pos, end);
            pos = start + len;
        }
        (uint256 numberStart, uint256 numberLen) = _string(header, pos, end);
        if (numberLen > 32) revert MalformedHeader(pos);
        number = _readBigEndian(header, numberStart, numberLen);
    }

    /// @return start offset of the string's bytes, len its length
    function _string(bytes calldata data, uint256 pos, uint256 end) private pure returns (uint256 start, uint256 len) {
        if (pos >= end) revert MalformedHeader(pos);
        uint256 prefix = uint8(data[pos]);
        if (prefix < 0x80) {
            (start, len) = (pos, 1);
        } else if (prefix <= 0xb7) {
            (start, len) = (pos + 1, prefix - 0x80);
        } else if (prefix < 0xc0) {
            uint256 lenOfLen = prefix - 0xb7;
            if (lenOfLen > 3 || pos + 1 + lenOfLen > end) revert MalformedHeader(pos);
            len = _readBigEndian(data, pos + 1, lenOfLen);
            start = pos + 1 + lenOfLen;
        } else {
            revert MalformedHeader(pos); // a list where the header has a string
        }
        if (start + len > end) revert MalformedHeader(pos);
    }

    function _readBigEndian(bytes calldata data, uint256 start, uint256 len) private pure returns (uint256 value) {
        for (uint256 i; i < len; ++i) {
            value = (value << 8) | uint8(data[start + i]);
        }
    }
}
