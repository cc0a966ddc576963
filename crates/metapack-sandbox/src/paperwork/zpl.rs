//! ZPL: label text for Zebra printers.

use super::LabelContent;

pub(super) fn zpl_label(
    (width_in, height_in): (f64, f64),
    dpi: u32,
    content: &LabelContent,
) -> String {
    let scale = |dots: u32| dots * dpi / 203;
    let clean = |text: &str| -> String {
        text.chars()
            .map(|c| {
                if c == '^' || c == '~' || c.is_control() {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    };
    let width = (width_in * f64::from(dpi)).round() as u32;
    let height = (height_in * f64::from(dpi)).round() as u32;
    let mut zpl = String::new();
    let mut line = |text: &str| {
        zpl.push_str(text);
        zpl.push('\n');
    };
    line("^XA");
    line("^CI28");
    line(&format!("^PW{width}"));
    line(&format!("^LL{height}"));
    let x = scale(30);
    let mut y = scale(30);
    let mut field = |size: u32, text: &str, y: &mut u32| {
        line(&format!(
            "^FO{x},{y}^A0N,{size},{size}^FD{}^FS",
            clean(text),
            size = scale(size)
        ));
        *y += scale(size + 10);
    };
    field(
        40,
        &format!("{} {}", content.carrier, content.service),
        &mut y,
    );
    field(32, &content.consignment_code, &mut y);
    let (position, count) = content.position;
    field(
        26,
        &format!("Parcel {position} of {count}: {}", content.parcel_code),
        &mut y,
    );
    if let Some(weight) = content.weight {
        field(26, &format!("Weight: {weight} kg"), &mut y);
    }
    if let Some(date) = &content.delivery_date {
        field(26, &format!("Delivery: {date}"), &mut y);
    }
    field(22, "FROM", &mut y);
    for sender in &content.sender {
        field(22, sender, &mut y);
    }
    field(30, "TO", &mut y);
    for recipient in &content.recipient {
        field(30, recipient, &mut y);
    }
    y += scale(20);
    line(&format!(
        "^FO{x},{y}^BY3^BCN,{},Y,N,N^FD{}^FS",
        scale(180),
        clean(&content.tracking_identifier)
    ));
    line("^XZ");
    zpl
}
