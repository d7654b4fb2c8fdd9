//! The strings a PDF carries outside its page content: document information (title, author),
//! XMP metadata, the outline (bookmarks), link targets. Streams compressed with FlateDecode are
//! inflated; literal `(...)` and hex `<...>` strings are decoded (UTF-16BE with a byte-order mark,
//! else byte per character). Page text itself is glyph codes, checked through the Typst source it
//! is made from.

use std::io::Read;

/// All decodable text of a PDF, one string per line.
pub fn strings(pdf: &[u8]) -> String {
    let mut out = String::new();
    let mut chunks: Vec<Vec<u8>> = vec![];
    let mut rest = pdf;
    // Split into stream bodies and the rest.
    while let Some(i) = find(rest, b"stream") {
        let (before, after) = rest.split_at(i);
        let is_stream = !before.ends_with(b"end");
        if !is_stream {
            rest = &after[6..];
            continue;
        }
        chunks.push(before.to_vec());
        let mut body = &after[6..];
        if body.starts_with(b"\r\n") {
            body = &body[2..];
        } else if body.starts_with(b"\n") {
            body = &body[1..];
        }
        let end = find(body, b"endstream").unwrap_or(body.len());
        let raw = &body[..end];
        let dict_start = before.len().saturating_sub(400);
        let compressed = find(&before[dict_start..], b"/FlateDecode").is_some();
        if compressed {
            let mut inflated = vec![];
            if flate2::read::ZlibDecoder::new(raw)
                .read_to_end(&mut inflated)
                .is_ok()
            {
                chunks.push(inflated);
            }
        } else {
            chunks.push(raw.to_vec());
        }
        rest = &body[end..];
    }
    chunks.push(rest.to_vec());
    for c in chunks {
        // Page content (drawing operators and glyph codes) carries no readable text.
        if find(&c, b" Tf").is_some() && find(&c, b"BT").is_some() {
            continue;
        }
        extract(&c, &mut out);
        // XMP metadata is XML: keep it as it is.
        if find(&c, b"<x:xmpmeta").is_some() || find(&c, b"<?xpacket").is_some() {
            out.push_str(&String::from_utf8_lossy(&c));
            out.push('\n');
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Literal and hex strings in PDF syntax.
fn extract(bytes: &[u8], out: &mut String) {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => {
                let mut depth = 1;
                let mut s = vec![];
                i += 1;
                while i < bytes.len() && depth > 0 {
                    match bytes[i] {
                        b'\\' if i + 1 < bytes.len() => {
                            i += 1;
                            let e = bytes[i];
                            match e {
                                b'n' => s.push(b'\n'),
                                b'r' => s.push(b'\r'),
                                b't' => s.push(b'\t'),
                                b'0'..=b'7' => {
                                    let mut v = 0u32;
                                    let mut k = 0;
                                    while k < 3
                                        && i < bytes.len()
                                        && (b'0'..=b'7').contains(&bytes[i])
                                    {
                                        v = v * 8 + (bytes[i] - b'0') as u32;
                                        i += 1;
                                        k += 1;
                                    }
                                    s.push(v as u8);
                                    continue;
                                }
                                other => s.push(other),
                            }
                        }
                        b'(' => {
                            depth += 1;
                            s.push(b'(');
                        }
                        b')' => {
                            depth -= 1;
                            if depth > 0 {
                                s.push(b')');
                            }
                        }
                        b => s.push(b),
                    }
                    i += 1;
                }
                out.push_str(&decode(&s));
                out.push('\n');
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if bytes.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map(|p| start + p);
                if let Some(end) = end {
                    let hex: Vec<u8> = bytes[start..end]
                        .iter()
                        .copied()
                        .filter(|b| b.is_ascii_hexdigit())
                        .collect();
                    if hex.len() >= 4 && hex.len() == end - start {
                        let raw: Vec<u8> = hex
                            .chunks(2)
                            .filter_map(|p| {
                                u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok()
                            })
                            .collect();
                        out.push_str(&decode(&raw));
                        out.push('\n');
                        i = end;
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
}

fn decode(s: &[u8]) -> String {
    if s.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = s[2..]
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        match std::str::from_utf8(s) {
            Ok(t) => t.to_string(),
            Err(_) => s.iter().map(|&b| b as char).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn finds_strings_in_compressed_streams_and_utf16() {
        let mut z = flate2::write::ZlibEncoder::new(vec![], flate2::Compression::default());
        z.write_all(b"<< /Title (Hidden \\(name\\) Mamatov) >>")
            .unwrap();
        let body = z.finish().unwrap();
        let mut pdf = b"%PDF-1.7\n1 0 obj << /Length 10 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(&body);
        pdf.extend(b"\nendstream\nendobj\n2 0 obj << /Author <FEFF041C0430043C0430> >> endobj\n");
        let s = strings(&pdf);
        assert!(s.contains("Hidden (name) Mamatov"), "{s}");
        assert!(s.contains("Мама"), "{s}");
    }
}
