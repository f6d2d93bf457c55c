// The twenty-fourth generator's printer: reads a JSON batch on stdin — {"jobs": [{"out", "size", "fonts",
// "created", "pages": [[op, ...], ...]}]} — and writes each job's PDF with PDFKit. An op is an array:
//   ["f", font, size]                        set the face (a key of "fonts") and size
//   ["c", "#rrggbb"]                         fill colour of what follows
//   ["t", x, y, text, width, align]          one line of text, top at y; align "left" | "right" | "center"
//                                            within [x, x + width] (width 0: no box), never wrapped
//   ["p", x, y, text, width, gap]            a paragraph wrapped to width (line gap in points)
//   ["l", x1, y1, x2, y2, width, dash]       a rule (dash 0: solid)
//   ["r", x, y, w, h, width, fill, stroke]   a box (fill / stroke a colour or null)
// Nothing here knows an invoice: the Python side (evals/synth24/layouts.py) places every string.
"use strict";
const fs = require("fs");
const PDFDocument = require("pdfkit");

function draw(doc, op) {
  const [kind, ...a] = op;
  if (kind === "f") {
    doc.font(a[0]).fontSize(a[1]);
  } else if (kind === "c") {
    doc.fillColor(a[0]);
  } else if (kind === "t") {
    const [x, y, text, width, align] = a;
    let left = x;
    if (width && align !== "left") {
      const room = width - doc.widthOfString(text);
      left = align === "right" ? x + room : x + room / 2;
    }
    doc.text(text, left, y, { lineBreak: false });
  } else if (kind === "p") {
    const [x, y, text, width, gap] = a;
    doc.text(text, x, y, { width, lineGap: gap || 0 });
  } else if (kind === "l") {
    const [x1, y1, x2, y2, width, dash] = a;
    doc.save().lineWidth(width).moveTo(x1, y1).lineTo(x2, y2);
    if (dash) doc.dash(dash, { space: dash });
    doc.stroke().undash().restore();
  } else if (kind === "r") {
    const [x, y, w, h, width, fill, stroke] = a;
    doc.save().lineWidth(width).rect(x, y, w, h);
    if (fill && stroke) doc.fillAndStroke(fill, stroke);
    else if (fill) doc.fill(fill);
    else doc.stroke(stroke || "#000000");
    doc.restore();
  } else {
    throw new Error(`unknown op ${kind}`);
  }
}

function print(job) {
  return new Promise((resolve, reject) => {
    const created = new Date(job.created);
    const doc = new PDFDocument({
      size: job.size, margin: 0, autoFirstPage: false,
      info: { Producer: "PDFKit", Creator: job.creator || "PDFKit", CreationDate: created, ModDate: created },
    });
    for (const [key, path] of Object.entries(job.fonts)) doc.registerFont(key, path);
    const out = fs.createWriteStream(job.out);
    out.on("finish", resolve);
    out.on("error", reject);
    doc.pipe(out);
    for (const page of job.pages) {
      doc.addPage({ size: job.size, margin: 0 });
      doc.fillColor("#000000");
      for (const op of page) draw(doc, op);
    }
    doc.end();
  });
}

async function main() {
  const batch = JSON.parse(fs.readFileSync(0, "utf8"));
  for (const job of batch.jobs) await print(job);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
