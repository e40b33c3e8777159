/**
 * The exact ledger: cash, FIFO position lots, realised P&L, fees and financing in decimal
 * arithmetic, with cached `number` views for the engine's per-bar hot path.
 */
import { Decimal } from 'decimal.js';
import { InvariantError } from '../errors.js';
import type { Fill, OrderId } from '../orders/Order.js';
import { TradeSide, type Trade } from './Trade.js';

/**
 * Significant digits of the ledger's decimal arithmetic. `+ − ×` of numbers converted through
 * their shortest decimal string (at most 17 significant digits) are exact as long as a result
 * needs at most this many digits: a product of two inputs needs at most 34, and a sum needs the
 * span from its largest leading digit to its smallest trailing one, e.g. cash of 1e15 plus a
 * product of a 1e-12 price and a 1e-12 quantity (last digit near 1e-56) needs about 72. Every
 * operation checks that bound first and throws rather than round, so "exact" is guaranteed, not
 * hoped for. The digits actually stored follow the values, so a high limit costs nothing in
 * `+ − ×`; it only bounds what a caller's own `div` or `sqrt` on a returned value computes.
 */
const PRECISION = 100;

/** Decimal constructor of the ledger (exact `+ − ×`, see {@link PRECISION}). */
const Dec = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * Decimal constructor for the few rounded results (pro-rata trade fees, average price): 40 digits,
 * far more than a `number` keeps, so converting the result rounds once in practice.
 */
const RoundDec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

const ZERO = new Dec(0);

/** The fields of a {@link Fill} the ledger books (a whole `Fill` can be passed). */
export type LedgerFill = Pick<Fill, 'orderId' | 'symbol' | 'side' | 'quantity' | 'price' | 'fee' | 'time'>;

/** What one fill did to its symbol's position (numbers converted from the exact values). */
export interface FillEffect {
  /** Realised P&L of the part that closed existing lots (0 when nothing closed), before fees. */
  readonly realised: number;
  /** Shares of existing lots the fill closed (0 when it only opened or added). */
  readonly closedQuantity: number;
  /** Shares the fill opened as a new lot (0 when it only reduced or closed the position). */
  readonly openedQuantity: number;
}

/** One symbol's position and history as plain numbers, for strategies and reports. */
export interface PositionSnapshot {
  readonly symbol: string;
  /** Signed shares: negative = short, 0 = flat. */
  readonly quantity: number;
  /** `costBasis / quantity`: entry price per share of the open lots; `NaN` when flat. */
  readonly averagePrice: number;
  /** Σ entry price × signed quantity over open lots (negative for a short, 0 when flat). */
  readonly costBasis: number;
  /** Realised P&L of this symbol since the start, before fees and financing. */
  readonly realisedPnl: number;
  /** Fees paid on this symbol's fills since the start (>= 0). */
  readonly fees: number;
  /** Borrow charged on this symbol's shorts since the start (>= 0). */
  readonly borrow: number;
}

/** Account-level running totals, exact. Interest is signed (+ credited, − charged). */
export interface LedgerTotals {
  readonly realised: Decimal;
  readonly fees: Decimal;
  readonly borrow: Decimal;
  readonly interest: Decimal;
  /** Net financing cost: `borrow − interest`. */
  readonly financing: Decimal;
}

/** An open lot: what remains of one opening fill. All lots of a symbol are on the same side. */
interface Lot {
  /** Remaining shares (> 0). */
  qty: Decimal;
  readonly price: Decimal;
  readonly priceNumber: number;
  readonly time: number;
  readonly orderId: OrderId;
  /** Quantity and fee of the whole opening fill, for the pro-rata entry fee of trades. */
  readonly fillQuantity: Decimal;
  readonly fillFee: Decimal;
}

/** Per-symbol state. Lots form a FIFO queue: `lots[head]` is the oldest open lot. */
interface Book {
  readonly symbol: string;
  readonly lots: Lot[];
  head: number;
  /** Signed shares (Σ open lots, negative for a short). */
  quantity: Decimal;
  quantityNumber: number;
  /** Σ entry price × signed quantity over open lots. */
  costBasis: Decimal;
  realised: Decimal;
  fees: Decimal;
  borrow: Decimal;
  /** Cached `position()` answer, cleared on every change. */
  snapshot: PositionSnapshot | undefined;
}

/**
 * Cash, positions, realised P&L, fees and financing of one account, booked exactly in decimal.
 *
 * Accounting rules:
 * - **Numbers in**: every `number` argument is converted through its shortest decimal string
 *   (`0.1` is exactly 0.1), then `+ − ×` are exact: every operation checks first that its result
 *   fits in 100 significant digits (far beyond realistic amounts) and throws
 *   {@link InvariantError} rather than round.
 * - **Cash**: a buy pays `qty × price + fee`, a sell receives `qty × price − fee`; borrow is paid,
 *   interest is added (signed).
 * - **FIFO lots** per symbol: a buy while short first covers the oldest short lots, and any
 *   remainder opens a long lot; a sell mirrors that. Realised P&L of a closing portion is
 *   `(exit − entry) × qty` for a long lot and `(entry − exit) × qty` for a short lot — no division;
 *   the average price is derived only for display.
 * - **Identities**, exact after every call: `equity(p) = cash + Σ qty × p` and
 *   `equity(p) = initialCash + realised + unrealised(p) − fees − borrow + interest`, where
 *   `unrealised(p) = Σ over open lots of (p − entry) × signed qty`.
 * - **Trades**: each closing portion of a lot is one {@link Trade}, appended in closing order.
 *   Their `grossPnl` are the exact realised amounts converted to `number`; their `fees` are a
 *   pro-rata share of the entry and exit fills' fees (a division, so rounded); the ledger's totals
 *   stay exact.
 *
 * Invalid arguments (zero, negative or non-finite quantities, prices or times, negative fees)
 * throw {@link InvariantError} before anything is booked: the engine validates orders first, so
 * reaching the ledger with one is a bug. A precision overflow (see above) can throw half-way
 * through a fill; treat it as fatal.
 *
 * @example
 * const ledger = new Ledger(10_000);
 * ledger.applyFill({ orderId, symbol: 'AAPL', side: 'buy', quantity: 100, price: 10, fee: 1, time });
 * ledger.cash.toString(); // '8999'
 * ledger.equity(() => 11).toString(); // '10099'
 */
export class Ledger {
  /** Starting cash (>= 0), exact. */
  readonly initialCash: Decimal;

  #cash: Decimal;
  /** `Number(#cash)`, or NaN until first read after a change (several changes often come per bar). */
  #cashNumber = Number.NaN;
  #realised: Decimal = ZERO;
  #fees: Decimal = ZERO;
  #borrow: Decimal = ZERO;
  #interest: Decimal = ZERO;
  readonly #books = new Map<string, Book>();
  /** Symbols with a non-zero position, in the order they were opened; `#openBooks` in parallel. */
  readonly #open: string[] = [];
  readonly #openBooks: Book[] = [];
  readonly #trades: Trade[] = [];

  /**
   * @param initialCash - starting cash in account currency (>= 0); a string is read exactly
   *   (`'100000.10'`).
   * @throws {InvariantError} for a negative, non-finite or unparsable amount.
   */
  constructor(initialCash: number | string) {
    let cash: Decimal;
    try {
      cash = new Dec(initialCash);
    } catch {
      throw new InvariantError(`initial cash must be a finite amount >= 0, got "${String(initialCash)}"`);
    }
    if (!cash.isFinite() || (cash.isNegative() && !cash.isZero())) {
      throw new InvariantError(`initial cash must be a finite amount >= 0, got "${String(initialCash)}"`);
    }
    if (cash.isZero()) cash = ZERO; // drop a -0
    this.initialCash = cash;
    this.#cash = cash;
  }

  /** Cash in account currency, exact (negative when borrowing on margin). */
  get cash(): Decimal {
    return this.#cash;
  }

  /**
   * `cash` as a `number` (correctly rounded), cached: converted once on the first read after a
   * change, then returned without work.
   */
  get cashNumber(): number {
    if (Number.isNaN(this.#cashNumber)) this.#cashNumber = toNumber(this.#cash);
    return this.#cashNumber;
  }

  /**
   * Closed round trips in closing order (FIFO lot by lot). The same array instance throughout,
   * appended to by {@link Ledger.applyFill}; the trades themselves are frozen.
   */
  get trades(): readonly Trade[] {
    return this.#trades;
  }

  /**
   * Signed shares held: negative for a short, 0 when flat or never traded. A cached `number`
   * (O(1), no allocation).
   */
  quantity(symbol: string): number {
    const book = this.#books.get(symbol);
    return book === undefined ? 0 : book.quantityNumber;
  }

  /**
   * Symbols with a non-zero position, in the order they last went from flat to open (a reversal
   * in one fill keeps its place).
   *
   * Returns the same live array on every call (no allocation): {@link Ledger.applyFill} appends
   * a symbol when its position opens and removes it when it goes flat. Do not mutate it, and
   * copy it first to apply fills while iterating.
   */
  openSymbols(): readonly string[] {
    return this.#open;
  }

  /**
   * Books one fill: cash, FIFO lots, realised P&L, fees, and a {@link Trade} per closed lot portion.
   *
   * @param fill - quantity in shares (> 0, fractional allowed), price per share (> 0, after
   *   slippage), fee in account currency (>= 0), time in epoch ms.
   * @returns what the fill closed and opened, and the realised P&L of the closed part.
   * @throws {InvariantError} for a quantity <= 0, a price <= 0, a negative fee, any non-finite
   *   number, an unknown side or an empty symbol.
   * @example
   * ledger.applyFill({ orderId, symbol: 'X', side: 'sell', quantity: 150, price: 12, fee: 0, time });
   * // with 100 long @ 10: { realised: 200, closedQuantity: 100, openedQuantity: 50 } (now 50 short)
   */
  applyFill(fill: LedgerFill): FillEffect {
    const { orderId, symbol, side, quantity, price, fee, time } = fill;
    if (!(quantity > 0) || quantity === Number.POSITIVE_INFINITY) {
      throw new InvariantError(`fill quantity must be a finite number > 0, got "${String(quantity)}" (${symbol})`);
    }
    if (!(price > 0) || price === Number.POSITIVE_INFINITY) {
      throw new InvariantError(`fill price must be a finite number > 0, got "${String(price)}" (${symbol})`);
    }
    if (!(fee >= 0) || fee === Number.POSITIVE_INFINITY) {
      throw new InvariantError(`fill fee must be a finite number >= 0, got "${String(fee)}" (${symbol})`);
    }
    if (side !== 'buy' && side !== 'sell') throw new InvariantError(`fill side must be "buy" or "sell", got "${String(side)}"`);
    checkTime(time);
    const book = this.#book(symbol);

    const q = new Dec(quantity);
    const p = new Dec(price);
    const f = new Dec(fee);
    const buy = side === 'buy';

    const notional = mul(q, p);
    let cash = buy ? sub(this.#cash, notional) : add(this.#cash, notional);
    if (fee !== 0) {
      cash = sub(cash, f);
      this.#fees = add(this.#fees, f);
      book.fees = add(book.fees, f);
    }
    this.#cash = cash;
    this.#cashNumber = Number.NaN;

    // Close opposite lots first (FIFO), then open a lot with whatever is left.
    let remaining = q;
    let realised = ZERO;
    let closedAny = false;
    const wasFlat = book.quantity.isZero();
    if (!wasFlat && book.quantity.isNegative() === buy) {
      closedAny = true;
      const lots = book.lots;
      let costBasis = book.costBasis;
      while (!remaining.isZero() && book.head < lots.length) {
        const lot = lots[book.head]!;
        const whole = lot.qty.lte(remaining);
        const portion = whole ? lot.qty : remaining;
        // A buy closes short lots: (entry − exit); a sell closes long lots: (exit − entry).
        const pnl = mul(buy ? sub(lot.price, p) : sub(p, lot.price), portion);
        realised = add(realised, pnl);
        const cost = mul(lot.price, portion);
        costBasis = buy ? add(costBasis, cost) : sub(costBasis, cost);
        this.#trades.push(tradeOf(book.symbol, buy, lot, portion, pnl, fill, q, f));
        if (whole) {
          remaining = sub(remaining, lot.qty);
          book.head++;
        } else {
          lot.qty = sub(lot.qty, portion);
          remaining = ZERO;
        }
      }
      book.costBasis = costBasis;
      this.#realised = add(this.#realised, realised);
      book.realised = add(book.realised, realised);
      compact(book);
    }
    if (!remaining.isZero()) {
      book.lots.push({ qty: remaining, price: p, priceNumber: price, time, orderId, fillQuantity: q, fillFee: f });
      const cost = mul(p, remaining);
      book.costBasis = buy ? add(book.costBasis, cost) : sub(book.costBasis, cost);
    }

    book.quantity = buy ? add(book.quantity, q) : sub(book.quantity, q);
    book.snapshot = undefined;
    if (book.quantity.isZero()) {
      book.quantity = ZERO; // drop a -0
      book.quantityNumber = 0;
      book.lots.length = 0;
      book.head = 0;
      this.#close(book);
    } else {
      book.quantityNumber = toNumber(book.quantity);
      if (wasFlat) {
        this.#open.push(book.symbol);
        this.#openBooks.push(book);
      }
    }

    if (!closedAny) return { realised: 0, closedQuantity: 0, openedQuantity: quantity };
    if (remaining.isZero()) {
      return { realised: toNumber(realised), closedQuantity: quantity, openedQuantity: 0 };
    }
    return {
      realised: toNumber(realised),
      closedQuantity: toNumber(sub(q, remaining)),
      openedQuantity: toNumber(remaining),
    };
  }

  /**
   * Charges the cost of borrowing shares for a short: cash falls by `amount`, which is added to
   * the account's and the symbol's borrow totals.
   *
   * @param amount - account currency, >= 0 (0 is a no-op).
   * @throws {InvariantError} for a negative or non-finite amount or time, or an empty symbol.
   * @example
   * ledger.chargeBorrow('GME', 1.25, time);
   */
  chargeBorrow(symbol: string, amount: number, time: number): void {
    if (!(amount >= 0) || amount === Number.POSITIVE_INFINITY) {
      throw new InvariantError(`borrow charge must be a finite amount >= 0, got "${String(amount)}" (${symbol})`);
    }
    checkTime(time);
    const book = this.#book(symbol);
    if (amount === 0) return;
    const a = new Dec(amount);
    this.#cash = sub(this.#cash, a);
    this.#cashNumber = Number.NaN;
    this.#borrow = add(this.#borrow, a);
    book.borrow = add(book.borrow, a);
    book.snapshot = undefined;
  }

  /**
   * Books interest on the cash balance: positive is credited, negative is charged (margin
   * interest). Account-level, not attributed to symbols.
   *
   * @param amount - account currency, signed (0 is a no-op).
   * @throws {InvariantError} for a non-finite amount or time.
   * @example
   * ledger.creditInterest(0.37, time);  // credited
   * ledger.creditInterest(-2.1, time);  // margin interest charged
   */
  creditInterest(amount: number, time: number): void {
    if (!Number.isFinite(amount)) throw new InvariantError(`interest must be a finite amount, got "${String(amount)}"`);
    checkTime(time);
    if (amount === 0) return;
    const a = new Dec(amount);
    this.#cash = add(this.#cash, a);
    this.#cashNumber = Number.NaN;
    this.#interest = add(this.#interest, a);
  }

  /**
   * One symbol's position and cumulative history as numbers. The snapshot is frozen and cached
   * until the symbol next changes, so repeated calls on a quiet symbol allocate nothing.
   *
   * @example
   * ledger.position('AAPL'); // { symbol: 'AAPL', quantity: 100, averagePrice: 10, costBasis: 1000, … }
   */
  position(symbol: string): PositionSnapshot {
    const book = this.#books.get(symbol);
    if (book === undefined) {
      return Object.freeze({ symbol, quantity: 0, averagePrice: Number.NaN, costBasis: 0, realisedPnl: 0, fees: 0, borrow: 0 });
    }
    if (book.snapshot !== undefined) return book.snapshot;
    const flat = book.quantity.isZero();
    const snapshot: PositionSnapshot = Object.freeze({
      symbol,
      quantity: book.quantityNumber,
      averagePrice: flat ? Number.NaN : toNumber(RoundDec.div(book.costBasis, book.quantity)),
      costBasis: toNumber(book.costBasis),
      realisedPnl: toNumber(book.realised),
      fees: toNumber(book.fees),
      borrow: toNumber(book.borrow),
    });
    book.snapshot = snapshot;
    return snapshot;
  }

  /**
   * Account equity marked at `price`: `cash + Σ qty × price(symbol)` over open positions, exact.
   *
   * @param price - mark price per share, called once per open symbol in `openSymbols()` order.
   * @throws {InvariantError} when `price` returns a non-finite number for an open symbol.
   * @example
   * ledger.equity((s) => closes.get(s)!).toNumber();
   */
  equity(price: (symbol: string) => number): Decimal {
    let total = this.#cash;
    for (const book of this.#openBooks) total = add(total, mul(book.quantity, markOf(book.symbol, price)));
    return total;
  }

  /**
   * Unrealised P&L marked at `price`: Σ over open lots of `(price − entry) × signed qty`, exact.
   *
   * @param price - as in {@link Ledger.equity}.
   * @throws {InvariantError} when `price` returns a non-finite number for an open symbol.
   */
  unrealised(price: (symbol: string) => number): Decimal {
    let total = ZERO;
    for (const book of this.#openBooks) {
      total = add(total, sub(mul(book.quantity, markOf(book.symbol, price)), book.costBasis));
    }
    return total;
  }

  /**
   * Entry time (epoch ms) of the oldest open lot of `symbol`; `NaN` when flat.
   *
   * @example
   * ledger.openedAt('AAPL'); // time of the fill that opened the oldest remaining lot
   */
  openedAt(symbol: string): number {
    const book = this.#books.get(symbol);
    if (book === undefined || book.quantity.isZero()) return Number.NaN;
    return book.lots[book.head]!.time;
  }

  /**
   * Account-level totals since the start, exact: realised P&L (before costs), fees, borrow,
   * interest (signed) and net financing (`borrow − interest`).
   */
  totals(): LedgerTotals {
    return {
      realised: this.#realised,
      fees: this.#fees,
      borrow: this.#borrow,
      interest: this.#interest,
      financing: sub(this.#borrow, this.#interest),
    };
  }

  #book(symbol: string): Book {
    let book = this.#books.get(symbol);
    if (book === undefined) {
      if (typeof symbol !== 'string' || symbol === '') throw new InvariantError(`symbol must be a non-empty string, got "${String(symbol)}"`);
      book = {
        symbol,
        lots: [],
        head: 0,
        quantity: ZERO,
        quantityNumber: 0,
        costBasis: ZERO,
        realised: ZERO,
        fees: ZERO,
        borrow: ZERO,
        snapshot: undefined,
      };
      this.#books.set(symbol, book);
    }
    return book;
  }

  /** Removes a position that went flat from the open lists, keeping the others' order. */
  #close(book: Book): void {
    const i = this.#openBooks.indexOf(book);
    if (i < 0) return;
    this.#open.splice(i, 1);
    this.#openBooks.splice(i, 1);
  }
}

/** Builds the trade for one closed lot portion. `buy` is the closing fill's side. */
function tradeOf(
  symbol: string,
  buy: boolean,
  lot: Lot,
  portion: Decimal,
  pnl: Decimal,
  fill: LedgerFill,
  fillQuantity: Decimal,
  fillFee: Decimal,
): Trade {
  const fees = RoundDec.add(proRata(lot.fillFee, portion, lot.fillQuantity), proRata(fillFee, portion, fillQuantity));
  return Object.freeze({
    symbol,
    side: buy ? TradeSide.Short : TradeSide.Long,
    quantity: toNumber(portion),
    entryTime: lot.time,
    entryPrice: lot.priceNumber,
    exitTime: fill.time,
    exitPrice: fill.price,
    entryOrderId: lot.orderId,
    exitOrderId: fill.orderId,
    grossPnl: toNumber(pnl),
    fees: toNumber(fees),
    pnl: toNumber(RoundDec.sub(pnl, fees)),
  });
}

/** `fee × part / whole`, skipping the division in the common whole-fill and no-fee cases. */
function proRata(fee: Decimal, part: Decimal, whole: Decimal): Decimal {
  if (fee.isZero() || part.eq(whole)) return fee;
  return RoundDec.div(mul(fee, part), whole);
}

/** Drops closed lots from the front of the queue once they are a large share of the array. */
function compact(book: Book): void {
  if (book.head > 32 && book.head * 2 > book.lots.length) {
    book.lots.splice(0, book.head);
    book.head = 0;
  }
}

function markOf(symbol: string, price: (symbol: string) => number): Decimal {
  const p = price(symbol);
  if (!Number.isFinite(p)) throw new InvariantError(`mark price of "${symbol}" must be finite, got "${String(p)}"`);
  return new Dec(p);
}

/** Powers of ten a double holds exactly. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `x.toNumber()` without decimal.js's string round trip, for values of up to 14–16 significant
 * digits (nearly all of them): the digits form an integer below 2^53 and the power of ten is exact,
 * so one multiplication or division rounds correctly, exactly as parsing the decimal string would.
 */
function toNumber(x: Decimal): number {
  // decimal.js keeps digits in base-1e7 words (the first holds 1–7 digits); `e` is the exponent
  // of the leading digit.
  const d = x.d;
  const n = d.length;
  const d0 = d[0]!;
  if (n <= 3 && (n < 3 || d0 < 90)) {
    let m = d0;
    let digits = d0 < 10 ? 1 : d0 < 100 ? 2 : d0 < 1e3 ? 3 : d0 < 1e4 ? 4 : d0 < 1e5 ? 5 : d0 < 1e6 ? 6 : 7;
    for (let i = 1; i < n; i++) {
      m = m * 1e7 + d[i]!;
      digits += 7;
    }
    const k = x.e - digits + 1;
    if (k >= 0 && k <= 22) return x.s * (m * POW10[k]!);
    if (k < 0 && k >= -22) return x.s * (m / POW10[-k]!);
  }
  // Longer values: JavaScript's own correctly rounded parse of the digits, skipping decimal.js's
  // formatting work.
  let digits = String(d0);
  for (let i = 1; i < n; i++) {
    const w = String(d[i]!);
    digits += ZEROS.slice(w.length) + w;
  }
  return x.s * Number(`${digits}e${x.e - digits.length + 1}`);
}

const ZEROS = '0000000';

function checkTime(time: number): void {
  if (!Number.isFinite(time)) throw new InvariantError(`time must be a finite epoch ms, got "${String(time)}"`);
}

// Exact arithmetic: each helper checks that the result fits in PRECISION digits, so decimal.js
// never rounds it. Zeros are skipped because their exponent says nothing about the digits needed.

/** Position of the last significant digit (10^k). */
function lastDigit(x: Decimal): number {
  return x.e - x.sd() + 1;
}

function checkSum(a: Decimal, b: Decimal): void {
  // The leading digit can carry one place up; the trailing digit is the lower of the two.
  if (Math.max(a.e, b.e) + 2 - Math.min(lastDigit(a), lastDigit(b)) > PRECISION) {
    throw new InvariantError(
      `ledger arithmetic on ${a.toString()} and ${b.toString()} would need more than ${PRECISION} significant digits to stay exact`,
    );
  }
}

function add(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) return a;
  if (a.isZero()) return b;
  checkSum(a, b);
  return a.plus(b);
}

function sub(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) return a;
  if (a.isZero()) return b.neg();
  checkSum(a, b);
  return a.minus(b);
}

function mul(a: Decimal, b: Decimal): Decimal {
  if (a.sd() + b.sd() > PRECISION) {
    throw new InvariantError(
      `ledger arithmetic on ${a.toString()} and ${b.toString()} would need more than ${PRECISION} significant digits to stay exact`,
    );
  }
  return a.times(b);
}
