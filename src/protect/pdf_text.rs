//! A PDF as its reader gets it, for the leak audit ([`crate::protect::reading`]): the text of every
//! page in order, decoded through each font's encoding (its ToUnicode map), form XObjects read where
//! they are drawn; then every string of the file outside page content (document information,
//! outline, link targets, annotations, structure) and the XMP metadata, object by object.
//!
//! Two readers give that text, the same text for the same file:
//! - [`fast_text`] reads the objects in place ([`crate::protect::pdf_objects`]): it never copies or
//!   decodes a font program, an image or a colour profile, and parses each font's ToUnicode map
//!   once. It reads only the plain shape typst writes, and gives up on anything else (another
//!   cross-reference layout, encryption, another filter, a form XObject drawn, a page tree lopdf
//!   would walk in its own way).
//! - [`lopdf_text`] reads any file lopdf loads (every object parsed, streams copied). A file that
//!   does not load is read as its raw bytes, so nothing is skipped silently.
//!
//! [`pdf_text`] uses the first and falls back to the second. Both decode text with lopdf's
//! encodings (font encodings, ToUnicode maps, PDF text strings), so the only code of their own is
//! where objects are found; a test compares the two on every PDF the suite builds.

use crate::protect::pdf_objects::{Dict, Indirect, Obj, ObjectId, PdfFile};
use std::collections::{BTreeMap, BTreeSet};

/// The page text and every other string of a PDF (see the module documentation).
pub fn pdf_text(bytes: &[u8]) -> String {
    fast_text(bytes).unwrap_or_else(|| lopdf_text(bytes))
}

/// A font's encoding by the name a content stream selects it with (`Tf`).
type Encodings<'a, 'b> = BTreeMap<Vec<u8>, &'b lopdf::Encoding<'a>>;

/// Where a content stream's `Do` finds what it draws.
trait Forms {
    /// Appends the text of the form XObject drawn by `name`, if it is one.
    fn draw(&self, name: &[u8], depth: usize, out: &mut String);
}

/// The text each string shown in a font decodes to, kept for the rest of a document (the same
/// words come back on every page): by the font's encoding (its address: every encoding outlives
/// the memo) and the string as written. The text is lopdf's decoding, made the first time; the
/// same encoding decodes the same bytes to the same text, so the memo changes nothing read.
#[derive(Default)]
struct Decoded {
    /// By the encoding's address and whether the strings are hexadecimal.
    by_font: rustc_hash::FxHashMap<(usize, bool), Strings>,
}

/// Strings as written, and the text each decodes to (`None`: it does not decode). Hashed with
/// Fx, not SipHash: a PDF's short strings are looked up once each time they are shown.
type Strings = rustc_hash::FxHashMap<Box<[u8]>, Option<Box<str>>>;

impl Decoded {
    /// Appends what `text` shows in the font of `enc` (as lopdf's `decode_text`: the whole
    /// string, or nothing if it does not decode); without a font, its bytes as UTF-8.
    fn show(
        &mut self,
        text: &crate::protect::pdf_content::Text,
        enc: Option<&lopdf::Encoding>,
        out: &mut String,
    ) {
        let Some(e) = enc else {
            out.push_str(&String::from_utf8_lossy(&text.bytes()));
            return;
        };
        let font = self
            .by_font
            .entry((std::ptr::from_ref(e) as usize, text.hex))
            .or_default();
        if let Some(decoded) = font.get(text.raw) {
            out.push_str(decoded.as_deref().unwrap_or_default());
            return;
        }
        let mut decoded = String::new();
        let ok = e.write_to_string(&text.bytes(), &mut decoded).is_ok();
        if ok {
            out.push_str(&decoded);
        }
        font.insert(text.raw.into(), ok.then(|| decoded.into_boxed_str()));
    }
}

/// The text a content stream shows, in order; form XObjects are read where they are drawn. The
/// stream is read operator by operator as it is scanned ([`crate::protect::pdf_content`]);
/// `decoded` keeps the strings decoded so far in the document's fonts (see [`Decoded`]).
fn content_text(
    content: &[u8],
    encodings: &Encodings,
    forms: &dyn Forms,
    depth: usize,
    decoded: &mut Decoded,
    out: &mut String,
) {
    use crate::protect::pdf_content::{Operand, for_each_operation, number_value};
    let mut enc: Option<&lopdf::Encoding> = None;
    // Typst draws each run of a line in its own text object, placed by `cm`: runs at the same
    // height are one line (joined by a soft boundary), a new height is a new line.
    let (mut y, mut line_y): (Option<f32>, Option<f32>) = (None, None);
    let mut shown = false;
    for_each_operation(content, |operator, operands| match operator {
        b"Tf" => {
            enc = operands
                .first()
                .and_then(Operand::name)
                .and_then(|n| encodings.get(n).copied());
        }
        b"Tj" | b"'" | b"\"" => {
            if operator != b"Tj" {
                out.push('\n');
            }
            if let Some(Operand::Str(s)) = operands.last() {
                decoded.show(s, enc, out);
                shown = true;
            }
        }
        b"TJ" => {
            let items = operands.iter().flat_map(|o| match o {
                Operand::Array(a) => a.as_slice(),
                _ => &[],
            });
            for item in items {
                match item {
                    Operand::Str(s) => {
                        decoded.show(s, enc, out);
                        shown = true;
                    }
                    // A gap wider than a third of the font size is a space (only a number
                    // written with a minus sign can be below -300: the others are not parsed).
                    Operand::Number(n) if n.first() == Some(&b'-') && number_value(n) < -300.0 => {
                        out.push(' ')
                    }
                    _ => {}
                }
            }
        }
        b"cm" => y = operands.get(5).and_then(Operand::number),
        b"BT" => {
            let same = matches!((y, line_y), (Some(a), Some(b)) if (a - b).abs() < 0.5);
            out.push(if same { '*' } else { '\n' });
            line_y = y;
            shown = false;
        }
        b"Td" | b"TD" | b"Tm" if shown => out.push('*'),
        b"T*" => out.push('\n'),
        b"Do" if depth < 8 => {
            if let Some(name) = operands.first().and_then(Operand::name) {
                forms.draw(name, depth, out);
            }
        }
        _ => {}
    });
}

// ------------------------------------------------------------------------------- lopdf reader

/// The page text and every other string of a PDF, read with lopdf (any file it loads). A file
/// that does not load is read as its raw bytes (so nothing is skipped silently).
pub fn lopdf_text(bytes: &[u8]) -> String {
    let Ok(doc) = lopdf::Document::load_mem(bytes) else {
        return String::from_utf8_lossy(bytes).into_owned();
    };
    let mut out = String::new();
    // Each font's encoding (its ToUnicode map) is read once, however many pages use it.
    let mut cache: std::collections::HashMap<*const lopdf::Dictionary, Option<lopdf::Encoding>> =
        std::collections::HashMap::new();
    let pages = doc.get_pages();
    let mut decoded = Decoded::default();
    for page in pages.values() {
        for f in doc.get_page_fonts(*page).unwrap_or_default().into_values() {
            cache
                .entry(f as *const _)
                .or_insert_with(|| f.get_font_encoding(&doc).ok());
        }
    }
    for page in pages.into_values() {
        let fonts: Encodings = doc
            .get_page_fonts(page)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(n, f)| Some((n, cache.get(&(f as *const _))?.as_ref()?)))
            .collect();
        let content = doc.get_page_content(page);
        let resources = doc.get_page_resources(page).ok();
        let mut xobjects = vec![];
        if let Some((dict, ids)) = resources {
            xobjects.extend(dict.and_then(|d| d.get(b"XObject").ok()).cloned());
            for id in ids {
                if let Ok(d) = doc.get_dictionary(id)
                    && let Ok(x) = d.get(b"XObject")
                {
                    xobjects.push(x.clone());
                }
            }
        }
        let forms = LopdfForms {
            doc: &doc,
            xobjects: &xobjects,
        };
        content_text(&content, &fonts, &forms, 0, &mut decoded, &mut out);
        out.push('\n');
    }
    let mut seen = BTreeSet::new();
    for (id, obj) in &doc.objects {
        lopdf_strings(obj, &mut out, &mut seen, *id);
    }
    out
}

/// A page's (or form's) XObjects, in a document lopdf loaded.
struct LopdfForms<'a> {
    doc: &'a lopdf::Document,
    xobjects: &'a [lopdf::Object],
}

impl Forms for LopdfForms<'_> {
    fn draw(&self, name: &[u8], depth: usize, out: &mut String) {
        let doc = self.doc;
        let dict_of = |o| lopdf_dict_of(doc, o);
        for x in self.xobjects {
            let Some(dict) = dict_of(x) else { continue };
            let Ok(lopdf::Object::Reference(id)) = dict.get(name) else {
                continue;
            };
            let Ok(stream) = doc.get_object(*id).and_then(lopdf::Object::as_stream) else {
                continue;
            };
            if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Form") {
                continue;
            }
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            let res = stream.dict.get(b"Resources").ok().and_then(dict_of);
            let mut owned: Vec<(Vec<u8>, lopdf::Encoding)> = vec![];
            let mut inner = vec![];
            if let Some(res) = res {
                if let Ok(f) = doc.get_dict_in_dict(res, b"Font") {
                    for (n, v) in f.iter() {
                        if let Some(e) = dict_of(v).and_then(|d| d.get_font_encoding(doc).ok()) {
                            owned.push((n.clone(), e));
                        }
                    }
                }
                inner.extend(res.get(b"XObject").ok().cloned());
            }
            let fonts: Encodings = owned.iter().map(|(n, e)| (n.clone(), e)).collect();
            let forms = LopdfForms {
                doc,
                xobjects: &inner,
            };
            // A memo of its own: these encodings end with this form.
            let mut decoded = Decoded::default();
            content_text(&content, &fonts, &forms, depth + 1, &mut decoded, out);
            return;
        }
    }
}

/// The dictionary an object is or refers to, in a document lopdf loaded.
fn lopdf_dict_of<'d>(
    doc: &'d lopdf::Document,
    o: &'d lopdf::Object,
) -> Option<&'d lopdf::Dictionary> {
    match o {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        lopdf::Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// Every string outside page content (document information, outline, annotations, link
/// targets, names), and XML metadata streams.
fn lopdf_strings(
    obj: &lopdf::Object,
    out: &mut String,
    seen: &mut BTreeSet<lopdf::ObjectId>,
    id: lopdf::ObjectId,
) {
    match obj {
        lopdf::Object::String(..) => {
            if let Ok(s) = lopdf::decode_text_string(obj) {
                out.push_str(&s);
                out.push('\n');
            }
        }
        lopdf::Object::Array(a) => {
            for o in a {
                lopdf_strings(o, out, seen, id);
            }
        }
        lopdf::Object::Dictionary(d) => {
            for (_, o) in d.iter() {
                lopdf_strings(o, out, seen, id);
            }
        }
        lopdf::Object::Stream(s) => {
            let xml = s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"XML");
            if xml && seen.insert(id) {
                let c = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                out.push_str(&crate::protect::reading::xml_text(
                    &String::from_utf8_lossy(&c),
                ));
                out.push('\n');
            }
        }
        _ => {}
    }
}

// -------------------------------------------------------------------------------- fast reader

/// The text [`lopdf_text`] gives, read from the objects in place, or `None` when the file is
/// not of the shape this reader reads (see the module documentation).
pub fn fast_text(bytes: &[u8]) -> Option<String> {
    let file = PdfFile::open(bytes)?;
    let pages = page_ids(&file)?;
    let mut resources = Vec::with_capacity(pages.len());
    for &page in &pages {
        resources.push(page_resources(&file, page)?);
    }
    // Each font's encoding is made once, however many pages use it, by lopdf from the font's
    // dictionary and the objects its encoding refers to.
    let fonts: Vec<Vec<(&[u8], &Dict)>> = resources.iter().map(|r| page_fonts(&file, r)).collect();
    let mut distinct: Vec<&Dict> = vec![];
    for (_, f) in fonts.iter().flatten() {
        if !distinct.iter().any(|d| std::ptr::eq(*d, *f)) {
            distinct.push(f);
        }
    }
    let (doc, dicts) = font_objects(&file, &distinct);
    let encodings: Vec<Option<lopdf::Encoding>> = dicts
        .iter()
        .map(|d| d.get_font_encoding(&doc).ok())
        .collect();
    let mut out = String::with_capacity(bytes.len() / 4);
    let mut decoded = Decoded::default();
    for ((page, res), page_fonts) in pages.iter().zip(&resources).zip(&fonts) {
        let names: Encodings = page_fonts
            .iter()
            .filter_map(|(n, f)| {
                let k = distinct.iter().position(|d| std::ptr::eq(*d, *f))?;
                Some((n.to_vec(), encodings[k].as_ref()?))
            })
            .collect();
        let forms = FastForms {
            file: &file,
            xobjects: page_xobjects(&file, res),
            drawn: std::cell::Cell::new(false),
        };
        let content = page_content(&file, *page)?;
        content_text(&content, &names, &forms, 0, &mut decoded, &mut out);
        if forms.drawn.get() {
            return None;
        }
        out.push('\n');
    }
    for (_, object) in file.objects() {
        match object {
            Indirect::Direct(o) => strings(o, &mut out),
            Indirect::Stream(dict, data) => {
                if dict.name(b"Subtype") == Some(b"XML") {
                    let xml = crate::protect::pdf_objects::decoded(dict, data)?;
                    let xml = String::from_utf8_lossy(&xml);
                    out.push_str(&crate::protect::reading::xml_text(&xml));
                    out.push('\n');
                }
            }
        }
    }
    Some(out)
}

/// The pages in the order lopdf's page tree walk gives them; `None` for a tree it would walk in
/// its own way (a kid that is not a reference to a page or a tree node, a node without kids, a
/// tree too deep or with more kids than objects).
fn page_ids(file: &PdfFile) -> Option<Vec<ObjectId>> {
    let Some(Obj::Ref(tree)) = file.dict(file.root)?.get(b"Pages") else {
        return None;
    };
    let mut pages = vec![];
    let mut budget = file.objects().count();
    let mut stack = vec![kids(file, *tree)?.iter()];
    while let Some(level) = stack.last_mut() {
        let Some(kid) = level.next() else {
            stack.pop();
            continue;
        };
        budget = budget.checked_sub(1)?;
        let Obj::Ref(id) = kid else { return None };
        let dict = file.dict(*id)?;
        match dict.name(b"Type")? {
            b"Page" => pages.push(*id),
            b"Pages" if stack.len() < 200 => stack.push(kids(file, *id)?.iter()),
            _ => return None,
        }
    }
    Some(pages)
}

/// A page tree node's `/Kids` (a reference to them followed).
fn kids<'f, 'a>(file: &'f PdfFile<'a>, node: ObjectId) -> Option<&'f [Obj<'a>]> {
    let mut kids = file.dict(node)?.get(b"Kids")?;
    if let Obj::Ref(id) = kids {
        // No chain: an object is never only a reference (`PdfFile::open`).
        let Indirect::Direct(o) = file.get(*id)? else {
            return None;
        };
        kids = o;
    }
    match kids {
        Obj::Array(a) => Some(a),
        _ => None,
    }
}

/// A page's resources as lopdf's `get_page_resources` finds them: the nearest dictionary written
/// in place (if no reference came before it) and every referenced one, up the page tree.
struct Resources<'f, 'a> {
    direct: Option<&'f Dict<'a>>,
    referenced: Vec<ObjectId>,
}

fn page_resources<'f, 'a>(file: &'f PdfFile<'a>, page: ObjectId) -> Option<Resources<'f, 'a>> {
    let mut r = Resources {
        direct: None,
        referenced: vec![],
    };
    let mut node = file.dict(page)?;
    let mut seen = vec![];
    loop {
        match node.get(b"Resources") {
            Some(Obj::Ref(id)) => r.referenced.push(*id),
            Some(Obj::Dict(d)) if r.direct.is_none() && r.referenced.is_empty() => {
                r.direct = Some(d)
            }
            _ => {}
        }
        let Some(Obj::Ref(parent)) = node.get(b"Parent") else {
            return Some(r);
        };
        if seen.contains(parent) || seen.len() >= 100 {
            return None;
        }
        seen.push(*parent);
        node = file.dict(*parent)?;
    }
}

/// The dictionaries of a page's resources, nearest first.
fn resource_dicts<'f, 'a>(file: &'f PdfFile<'a>, r: &Resources<'f, 'a>) -> Vec<&'f Dict<'a>> {
    let referenced = r.referenced.iter().filter_map(|id| file.dict(*id));
    r.direct.into_iter().chain(referenced).collect()
}

/// A page's fonts by name, as lopdf's `get_page_fonts` finds them (the first of a name wins).
fn page_fonts<'f, 'a>(
    file: &'f PdfFile<'a>,
    r: &Resources<'f, 'a>,
) -> Vec<(&'f [u8], &'f Dict<'a>)> {
    let mut fonts: Vec<(&[u8], &Dict)> = vec![];
    for res in resource_dicts(file, r) {
        let font_dict = match res.get(b"Font") {
            Some(Obj::Ref(id)) => file.dict(*id),
            Some(Obj::Dict(d)) => Some(d),
            _ => None,
        };
        for (name, value) in font_dict.map(|d| d.0.as_slice()).unwrap_or_default() {
            let font = match value {
                Obj::Ref(id) => file.dict(*id),
                Obj::Dict(d) => Some(d),
                _ => None,
            };
            if let Some(font) = font
                && !fonts.iter().any(|(n, _)| *n == name.as_ref())
            {
                fonts.push((name, font));
            }
        }
    }
    fonts.sort_by(|a, b| a.0.cmp(b.0));
    fonts
}

/// A page's `/XObject` entries, as lopdf's reading of a page gathers them.
fn page_xobjects<'f, 'a>(file: &'f PdfFile<'a>, r: &Resources<'f, 'a>) -> Vec<&'f Obj<'a>> {
    let mut out: Vec<&Obj> = r
        .direct
        .and_then(|d| d.get(b"XObject"))
        .into_iter()
        .collect();
    for id in &r.referenced {
        if let Some(x) = file.dict(*id).and_then(|d| d.get(b"XObject")) {
            out.push(x);
        }
    }
    out
}

/// The fonts' dictionaries as lopdf objects, and a document holding the objects their
/// `/Encoding` and `/ToUnicode` refer to (followed through references): all lopdf's
/// `get_font_encoding` reads. Font programs and widths stay where they are.
fn font_objects(file: &PdfFile, fonts: &[&Dict]) -> (lopdf::Document, Vec<lopdf::Dictionary>) {
    let mut doc = lopdf::Document::new();
    for font in fonts {
        for key in [&b"Encoding"[..], b"ToUnicode"] {
            let mut next = font.get(key);
            while let Some(Obj::Ref(id)) = next {
                if doc.objects.contains_key(id) {
                    break;
                }
                let Some(object) = file.get(*id) else { break };
                doc.objects.insert(*id, lopdf_object(object));
                next = match object {
                    Indirect::Direct(o) => Some(o),
                    Indirect::Stream(..) => None,
                };
            }
        }
    }
    let dicts = fonts.iter().map(|d| lopdf_dict(d)).collect();
    (doc, dicts)
}

fn lopdf_object(object: &Indirect) -> lopdf::Object {
    match object {
        Indirect::Direct(o) => lopdf_value(o),
        Indirect::Stream(dict, data) => {
            lopdf::Object::Stream(lopdf::Stream::new(lopdf_dict(dict), data.to_vec()))
        }
    }
}

fn lopdf_dict(d: &Dict) -> lopdf::Dictionary {
    let mut out = lopdf::Dictionary::new();
    for (k, v) in &d.0 {
        out.set(k.to_vec(), lopdf_value(v));
    }
    out
}

fn lopdf_value(o: &Obj) -> lopdf::Object {
    match o {
        Obj::Null => lopdf::Object::Null,
        Obj::Bool(b) => lopdf::Object::Boolean(*b),
        Obj::Int(i) => lopdf::Object::Integer(*i),
        Obj::Real(r) => lopdf::Object::Real(*r),
        Obj::Name(n) => lopdf::Object::Name(n.to_vec()),
        Obj::Str(s, hex) => lopdf_string(s, *hex),
        Obj::Array(a) => lopdf::Object::Array(a.iter().map(lopdf_value).collect()),
        Obj::Dict(d) => lopdf::Object::Dictionary(lopdf_dict(d)),
        Obj::Ref(id) => lopdf::Object::Reference(*id),
    }
}

fn lopdf_string(s: &[u8], hex: bool) -> lopdf::Object {
    let format = if hex {
        lopdf::StringFormat::Hexadecimal
    } else {
        lopdf::StringFormat::Literal
    };
    lopdf::Object::String(s.to_vec(), format)
}

/// A page's content: its content streams decoded, each followed by a line break (as lopdf's
/// `get_page_content` joins them); `None` if one does not decode.
fn page_content(file: &PdfFile, page: ObjectId) -> Option<Vec<u8>> {
    let mut ids = vec![];
    let mut contents = file.dict(page)?.get(b"Contents");
    // A reference to a stream, or to an array of them (never a chain: `PdfFile::open`).
    if let Some(Obj::Ref(id)) = contents {
        match file.get(*id) {
            None | Some(Indirect::Stream(..)) => ids.push(*id),
            Some(Indirect::Direct(o)) => contents = Some(o),
        }
    }
    if let Some(Obj::Array(a)) = contents {
        ids.extend(a.iter().filter_map(|o| match o {
            Obj::Ref(id) => Some(*id),
            _ => None,
        }));
    }
    let mut content = vec![];
    for id in ids {
        let Some(Indirect::Stream(dict, data)) = file.get(id) else {
            continue;
        };
        content.extend_from_slice(&crate::protect::pdf_objects::decoded(dict, data)?);
        content.push(b'\n');
    }
    Some(content)
}

/// A page's XObjects in a file read in place: an image drawn shows nothing (as in lopdf's
/// reading); a form XObject drawn is not read here (`drawn` is set, and the caller gives up).
struct FastForms<'f, 'a> {
    file: &'f PdfFile<'a>,
    xobjects: Vec<&'f Obj<'a>>,
    drawn: std::cell::Cell<bool>,
}

impl Forms for FastForms<'_, '_> {
    fn draw(&self, name: &[u8], _depth: usize, _out: &mut String) {
        for x in &self.xobjects {
            let dict = match x {
                Obj::Ref(id) => self.file.dict(*id),
                Obj::Dict(d) => Some(d),
                _ => None,
            };
            let Some(Obj::Ref(id)) = dict.and_then(|d| d.get(name)) else {
                continue;
            };
            let Some(Indirect::Stream(stream, _)) = self.file.get(*id) else {
                continue;
            };
            if stream.name(b"Subtype") == Some(b"Form") {
                self.drawn.set(true);
                return;
            }
        }
    }
}

/// Every string of a direct object, in order, decoded as PDF text strings (as lopdf decodes
/// them: a string that does not decode is left out).
fn strings(o: &Obj, out: &mut String) {
    match o {
        Obj::Str(s, hex) => {
            if s.iter().all(|b| (0x20..0x7f).contains(b)) {
                // Printable ASCII is itself in PDFDocEncoding (a unit test checks it with lopdf).
                out.push_str(std::str::from_utf8(s).unwrap_or_default());
                out.push('\n');
            } else if let Ok(text) = lopdf::decode_text_string(&lopdf_string(s, *hex)) {
                out.push_str(&text);
                out.push('\n');
            }
        }
        Obj::Array(a) => a.iter().for_each(|o| strings(o, out)),
        Obj::Dict(d) => d.0.iter().for_each(|(_, o)| strings(o, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document, Object, Stream, dictionary};

    #[test]
    fn printable_ascii_is_itself_in_pdf_doc_encoding() {
        for b in 0x20u8..0x7f {
            let s = Object::String(vec![b], lopdf::StringFormat::Literal);
            assert_eq!(
                lopdf::decode_text_string(&s).unwrap(),
                (b as char).to_string()
            );
        }
    }

    /// A one-page PDF made with lopdf: `page` shown in Helvetica (and, with `form`, in a form
    /// XObject the page draws), strings of every kind in its information and a link.
    fn pdf(page: &str, form: bool) -> Document {
        let mut doc = Document::with_version("1.7");
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        // Long enough to be compressed.
        let text = format!("BT /F1 12 Tf 50 700 Td ({page}) Tj ET\n").repeat(4);
        let mut resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        let mut content = text.clone();
        if form {
            let x = doc.add_object(Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form",
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } } },
                b"BT /F1 9 Tf (in a form) Tj ET".to_vec(),
            ));
            resources.set("XObject", dictionary! { "X1" => x });
            content.push_str(" /X1 Do");
        }
        let mut stream = Stream::new(dictionary! {}, content.into_bytes());
        stream.compress().unwrap();
        assert!(stream.dict.get(b"Filter").is_ok());
        let content = doc.add_object(stream);
        let annot = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Link",
            "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal("https://x.org/(a)\\b") },
        });
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "Resources" => resources, "Annots" => vec![annot.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let info = doc.add_object(dictionary! {
            "Title" => lopdf::text_string("Айгуль Садыкова"),
            "Author" => Object::String(b"caf\xe9 \x8d\r\n".to_vec(), lopdf::StringFormat::Hexadecimal),
            "Subject" => Object::string_literal("line\rbreak (nested) \\ end"),
        });
        doc.trailer.set("Info", info);
        doc
    }

    fn saved(doc: &mut Document) -> Vec<u8> {
        let mut buf = vec![];
        doc.save_to(&mut buf).unwrap();
        buf
    }

    #[test]
    fn a_plain_file_is_read_in_place_as_lopdf_reads_it() {
        let bytes = saved(&mut pdf("Meerim M.", false));
        let fast = fast_text(&bytes).expect("read in place");
        assert_eq!(fast, lopdf_text(&bytes));
        for shown in [
            "Meerim M.",
            "Айгуль Садыкова",
            "https://x.org/(a)\\b",
            "nested",
        ] {
            assert!(fast.contains(shown), "{shown} not in {fast:?}");
        }
    }

    #[test]
    fn a_file_of_another_shape_is_read_by_lopdf() {
        let mut others = vec![];
        // A cross-reference stream (and object streams).
        let mut doc = pdf("Meerim M.", false);
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceStream;
        others.push(saved(&mut doc));
        // A form XObject drawn on the page.
        others.push(saved(&mut pdf("Meerim M.", true)));
        // A stream whose length does not land on `endstream`; an object with a comment.
        let plain = saved(&mut pdf("Meerim M.", false));
        let at = memchr::memmem::find(&plain, b"/Length ").unwrap() + 8;
        let mut bad = plain.clone();
        bad[at] = if bad[at] == b'9' { b'1' } else { bad[at] + 1 };
        others.push(bad);
        let at = memchr::memmem::find(&plain, b"/Type/Catalog").unwrap();
        let mut commented = plain.clone();
        commented[at..at + 13].copy_from_slice(b"%Type/Catalog");
        others.push(commented);
        for bytes in &others {
            assert_eq!(fast_text(bytes), None);
            let text = pdf_text(bytes);
            assert_eq!(text, lopdf_text(bytes));
        }
        assert!(pdf_text(&others[0]).contains("Meerim M."));
        assert!(pdf_text(&others[1]).contains("in a form"));
    }
}
