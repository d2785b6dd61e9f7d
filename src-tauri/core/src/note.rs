//! A printed thank-you note: how it is delivered, the paper it is printed
//! on, and the envelope that goes with it. Pure data and paper arithmetic;
//! the app's `print.rs` turns a [`Paper`] into a GTK page setup and the UI's
//! print CSS uses the same sizes.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Dropped at the front desk the same day (fastest), or posted (allow a few days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    FrontDesk,
    Post,
}

/// The page the note is printed on. Cards are the face of a folded (or flat)
/// card that carries the message; the others are sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Folded card, A6 (105 × 148 mm).
    CardA6,
    /// Folded card, US A2 (4.25 × 5.5 in).
    CardA2,
    A5,
    /// Half letter (5.5 × 8.5 in).
    HalfLetter,
    A4,
    Letter,
}

/// A page size in millimetres, portrait, with the margin the note keeps.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Paper {
    /// A PWG 5101.1 name (`iso_a6_105x148mm`) where the size has one; the
    /// print settings carry it with the exact size in millimetres.
    pub pwg: &'static str,
    pub label: &'static str,
    pub width_mm: f64,
    pub height_mm: f64,
    pub margin_mm: f64,
}

const IN: f64 = 25.4;

impl Layout {
    pub const ALL: [Layout; 6] =
        [Layout::CardA6, Layout::CardA2, Layout::A5, Layout::HalfLetter, Layout::A4, Layout::Letter];

    pub fn as_str(self) -> &'static str {
        match self {
            Layout::CardA6 => "card_a6",
            Layout::CardA2 => "card_a2",
            Layout::A5 => "a5",
            Layout::HalfLetter => "half_letter",
            Layout::A4 => "a4",
            Layout::Letter => "letter",
        }
    }

    pub fn paper(self) -> Paper {
        match self {
            Layout::CardA6 => Paper { pwg: "iso_a6_105x148mm", label: "Folded card, A6", width_mm: 105.0, height_mm: 148.0, margin_mm: 12.0 },
            Layout::CardA2 => Paper { pwg: "custom_4.25x5.5in", label: "Folded card, US A2", width_mm: 4.25 * IN, height_mm: 5.5 * IN, margin_mm: 12.0 },
            Layout::A5 => Paper { pwg: "iso_a5_148x210mm", label: "A5", width_mm: 148.0, height_mm: 210.0, margin_mm: 18.0 },
            Layout::HalfLetter => Paper { pwg: "na_invoice_5.5x8.5in", label: "Half letter", width_mm: 5.5 * IN, height_mm: 8.5 * IN, margin_mm: 18.0 },
            Layout::A4 => Paper { pwg: "iso_a4_210x297mm", label: "A4", width_mm: 210.0, height_mm: 297.0, margin_mm: 25.0 },
            Layout::Letter => Paper { pwg: "na_letter_8.5x11in", label: "US Letter", width_mm: 8.5 * IN, height_mm: 11.0 * IN, margin_mm: 25.0 },
        }
    }

    /// The envelope the note fits in, printed landscape.
    pub fn envelope(self) -> Paper {
        match self {
            // C6 takes an A6 card; a folded A4 sheet goes in a DL.
            Layout::CardA6 => Paper { pwg: "iso_c6_114x162mm", label: "C6 envelope", width_mm: 162.0, height_mm: 114.0, margin_mm: 10.0 },
            Layout::A5 => Paper { pwg: "iso_c5_162x229mm", label: "C5 envelope", width_mm: 229.0, height_mm: 162.0, margin_mm: 12.0 },
            Layout::A4 => Paper { pwg: "iso_dl_110x220mm", label: "DL envelope", width_mm: 220.0, height_mm: 110.0, margin_mm: 10.0 },
            Layout::CardA2 => Paper { pwg: "na_a2_4.375x5.75in", label: "A2 envelope", width_mm: 5.75 * IN, height_mm: 4.375 * IN, margin_mm: 10.0 },
            Layout::HalfLetter => Paper { pwg: "na_a9_5.75x8.75in", label: "A9 envelope", width_mm: 8.75 * IN, height_mm: 5.75 * IN, margin_mm: 12.0 },
            Layout::Letter => Paper { pwg: "na_number-10_4.125x9.5in", label: "#10 envelope", width_mm: 9.5 * IN, height_mm: 4.125 * IN, margin_mm: 10.0 },
        }
    }
}

impl FromStr for Layout {
    type Err = Error;
    fn from_str(s: &str) -> Result<Layout> {
        Layout::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| Error::invalid("layout", format!("{s:?} is not a note layout")))
    }
}

/// How one printed note is delivered and laid out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteOptions {
    pub delivery: Delivery,
    pub layout: Layout,
    /// Print an envelope too.
    pub envelope: bool,
    /// The company's postal address, for a posted note's envelope.
    #[serde(default)]
    pub address: String,
}

impl Default for NoteOptions {
    fn default() -> Self {
        NoteOptions { delivery: Delivery::FrontDesk, layout: Layout::CardA6, envelope: false, address: String::new() }
    }
}

impl NoteOptions {
    pub fn check(&self) -> Result<NoteOptions> {
        let address = self.address.trim().replace("\r\n", "\n");
        if address.lines().count() > 8 || address.chars().count() > 400 {
            return Err(Error::invalid("address", "Keep the address to 8 lines, as it would fit on an envelope."));
        }
        Ok(NoteOptions { address, ..self.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paper's size in PostScript points (1/72 in), as `pdfinfo` reports it.
    fn points(p: Paper) -> (f64, f64) {
        (p.width_mm / IN * 72.0, p.height_mm / IN * 72.0)
    }

    #[test]
    fn paper_sizes_in_points_match_the_standards() {
        let close = |(w, h): (f64, f64), (ew, eh): (f64, f64)| (w - ew).abs() < 0.1 && (h - eh).abs() < 0.1;
        assert!(close(points(Layout::CardA6.paper()), (297.64, 419.53)));
        assert!(close(points(Layout::CardA2.paper()), (306.0, 396.0)));
        assert!(close(points(Layout::A5.paper()), (419.53, 595.28)));
        assert!(close(points(Layout::HalfLetter.paper()), (396.0, 612.0)));
        assert!(close(points(Layout::A4.paper()), (595.28, 841.89)));
        assert!(close(points(Layout::Letter.paper()), (612.0, 792.0)));
        for l in Layout::ALL {
            assert_eq!(l.as_str().parse::<Layout>().unwrap(), l);
            // Envelopes are landscape and larger than the note folded or flat.
            let (e, p) = (l.envelope(), l.paper());
            assert!(e.width_mm > e.height_mm, "{l:?}");
            assert!(e.width_mm >= p.height_mm.min(p.width_mm), "{l:?}");
        }
        assert!("a3".parse::<Layout>().is_err());
    }

    #[test]
    fn an_address_too_long_for_an_envelope_is_refused() {
        let o = NoteOptions { address: "1\n2\n3\n4\n5\n6\n7\n8\n9".into(), ..Default::default() };
        assert_eq!(o.check().unwrap_err().field(), Some("address"));
        let ok = NoteOptions { address: "  Acme GmbH\r\nMain St 1 ".into(), ..Default::default() }.check().unwrap();
        assert_eq!(ok.address, "Acme GmbH\nMain St 1");
    }
}
