"""Reference values for @qt-backtest/risk, computed with PyPortfolioOpt 1.5.6 itself.

Run from the repository root (prints nothing, writes the committed fixture):

    PYTHONPATH=/path/to/PyPortfolioOpt-1.5.6 /usr/bin/python3 \
        packages/risk/reference/pypfopt_reference.py ../shared/data

Sources and versions (all recorded in the output's "versions" key):
- PyPortfolioOpt 1.5.6 (github.com/robertmartin8/PyPortfolioOpt, commit 7257dda0a9b0,
  pyproject version 1.5.6): expected_returns, risk_models, CovarianceShrinkage (sklearn's
  ledoit_wolf / oas), HRPOpt, BlackLittermanModel, CLA — all run unmodified.
- cvxpy could not be installed here (no PyPI access), so EfficientFrontier cannot run. cvxpy is
  only imported, never used, by the modules above; a stub module satisfies the import. The convex
  optimisers' references are instead (a) PyPortfolioOpt's own CLA (exact turning points) for the
  long-only minimum-volatility weights, (b) scipy SLSQP driven to ftol 1e-15 for max-Sharpe (the
  y-substitution), efficient risk/return, quadratic utility and bounded problems, and (c) the
  portfolio_performance literals of PyPortfolioOpt's tests/test_efficient_frontier.py (cvxpy
  results), which the SLSQP weights reproduce (checked below, and re-checked in the TS tests).
- VaR/CVaR: empyrical 0.5.5 conventions (value_at_risk = np.percentile(r, 100·cutoff),
  conditional_value_at_risk = mean of the int((n−1)·cutoff)+1 smallest returns) and Riskfolio-Lib
  7.x conventions (VaR_Hist / CVaR_Hist: the ceil(α·T)-th smallest return, CVaR by Rockafellar–
  Uryasev), re-implemented here from their published source in a few lines each.
"""

import json
import os
import sys
import types

import numpy as np
import pandas as pd
import scipy
import scipy.cluster.hierarchy as sch
import scipy.optimize as sco
import scipy.spatial.distance as ssd
import scipy.stats as sst
import sklearn


class _CvxpyStub(types.ModuleType):
    """cvxpy is imported at module level by pypfopt.base_optimizer; nothing used here calls it."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return type(name, (), {})


sys.modules.setdefault("cvxpy", _CvxpyStub("cvxpy"))

import pypfopt  # noqa: E402
from pypfopt import black_litterman, expected_returns, risk_models  # noqa: E402
from pypfopt.cla import CLA  # noqa: E402
from pypfopt.hierarchical_portfolio import HRPOpt  # noqa: E402

DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pypfopt-reference.json")

df = pd.read_csv(os.path.join(DATA, "stock_prices.csv"), parse_dates=True, index_col="date")
spy = pd.read_csv(os.path.join(DATA, "spy_prices.csv"), parse_dates=True, index_col="date")
symbols = list(df.columns)

# From PyPortfolioOpt tests/utilities_for_tests.py get_market_caps().
MCAPS = {
    "GOOG": 927e9, "AAPL": 1.19e12, "FB": 574e9, "BABA": 533e9, "AMZN": 867e9, "GE": 96e9,
    "AMD": 43e9, "WMT": 339e9, "BAC": 301e9, "GM": 51e9, "T": 61e9, "UAA": 78e9, "SHLD": 0,
    "XOM": 295e9, "RRC": 1e9, "BBY": 22e9, "MA": 288e9, "PFE": 212e9, "JPM": 422e9,
    "SBUX": 102e9,
}


def vec(s):
    return [float(s[k]) for k in symbols]


def mat(m):
    m = pd.DataFrame(m, index=symbols, columns=symbols) if not isinstance(m, pd.DataFrame) else m
    return [[float(m.loc[a, b]) for b in symbols] for a in symbols]


out = {
    "versions": {
        "pypfopt": "1.5.6 (7257dda0a9b00db0819b6d8d184fd0c1d2ddbc89)",
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "python": sys.version.split()[0],
    },
    "symbols": symbols,
    "rows": len(df),
}

# ---------------------------------------------------------------- expected returns
mu = expected_returns.mean_historical_return(df)
out["expectedReturns"] = {
    "meanGeometric": vec(mu),
    "meanArithmetic": vec(expected_returns.mean_historical_return(df, compounding=False)),
    "meanLogReturns": vec(expected_returns.mean_historical_return(df, log_returns=True)),
    "emaGeometricSpan500": vec(expected_returns.ema_historical_return(df)),
    "emaArithmeticSpan180": vec(
        expected_returns.ema_historical_return(df, compounding=False, span=180)
    ),
    "capmEqualWeightMarket": vec(expected_returns.capm_return(df)),
    "capmSpyRf002": vec(
        expected_returns.capm_return(df, market_prices=spy, risk_free_rate=0.02)
    ),
}

# ---------------------------------------------------------------- covariance
S = risk_models.sample_cov(df)
cs = risk_models.CovarianceShrinkage(df)
lw_cv = cs.ledoit_wolf()
d_cv = cs.delta
lw_sf = cs.ledoit_wolf(shrinkage_target="single_factor")
d_sf = cs.delta
lw_cc = cs.ledoit_wolf(shrinkage_target="constant_correlation")
d_cc = cs.delta
oas = cs.oracle_approximating()
d_oas = cs.delta
out["covariance"] = {
    "sample": mat(S),
    "semicovariance": mat(risk_models.semicovariance(df)),
    "expSpan180": mat(risk_models.exp_cov(df)),
    "ledoitWolfConstantVariance": mat(lw_cv),
    "ledoitWolfSingleFactor": mat(lw_sf),
    "ledoitWolfConstantCorrelation": mat(lw_cc),
    "oracleApproximating": mat(oas),
    "shrinkage": {
        "constantVariance": float(d_cv),
        "singleFactor": float(d_sf),
        "constantCorrelation": float(d_cc),
        "oas": float(d_oas),
    },
}
# Nearest-PSD fix on a deliberately broken matrix (spectral method).
bad = np.array([[1.0, 0.9, 0.7], [0.9, 1.0, -0.3], [0.7, -0.3, 1.0]])
import warnings  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    fixed = risk_models.fix_nonpositive_semidefinite(bad)
out["nearestPsd"] = {"input": bad.tolist(), "spectral": np.asarray(fixed).tolist()}

# ---------------------------------------------------------------- convex optimisers
mu_a = mu.values
S_a = S.values
n = len(symbols)


def perf(w, rf=0.02):
    r = float(w @ mu_a)
    v = float(np.sqrt(w @ S_a @ w))
    return [r, v, (r - rf) / v]


def slsqp(obj, x0, cons, bounds):
    res = sco.minimize(
        obj, x0, method="SLSQP", bounds=bounds, constraints=cons,
        options={"ftol": 1e-15, "maxiter": 10000},
    )
    assert res.success, res.message
    return res.x


ones = np.ones(n)
long_only = [(0.0, 1.0)] * n
sum1 = {"type": "eq", "fun": lambda w: w.sum() - 1, "jac": lambda w: ones}
var = lambda w: w @ S_a @ w  # noqa: E731
var_jac = lambda w: 2 * S_a @ w  # noqa: E731

# (a) min volatility, long only: PyPortfolioOpt CLA (exact) and SLSQP agree.
cla = CLA(mu, S)
w_cla_minvol = np.array([cla.min_volatility()[k] for k in symbols])
w_slsqp_minvol = slsqp(var, ones / n, [sum1], long_only)
assert np.max(np.abs(w_cla_minvol - w_slsqp_minvol)) < 1e-5
# PyPortfolioOpt tests/test_efficient_frontier.py::test_min_volatility literal (cvxpy).
assert np.allclose(perf(w_cla_minvol), (0.15056821399482578, 0.15915084514118694, 0.8204054077060996), rtol=1e-6)

# (b) max Sharpe rf=0.02 by the y-substitution: min y'Sy, (mu-rf)'y = 1, y >= 0; w = y / sum(y).
ex = mu_a - 0.02
y = slsqp(
    var, ones / (n * max(ex.max(), 1e-9)),
    [{"type": "eq", "fun": lambda y: y @ ex - 1, "jac": lambda y: ex}],
    [(0.0, None)] * n,
)
w_ms = y / y.sum()
# tests/test_efficient_frontier.py::test_max_sharpe_long_only literal (cvxpy).
assert np.allclose(perf(w_ms), (0.3047768672819914, 0.22165566922402932, 1.2847714127003216), rtol=1e-6)

# (c) efficient risk 0.19 (max return s.t. vol <= 0.19), efficient return 0.25, quadratic utility 2.
w_er = slsqp(
    lambda w: -w @ mu_a, ones / n,
    [sum1, {"type": "ineq", "fun": lambda w: 0.19**2 - var(w), "jac": lambda w: -var_jac(w)}],
    long_only,
)
assert np.allclose(perf(w_er), (0.2552422849133517, 0.19, 1.2381172871434818), rtol=1e-6)
w_eret = slsqp(
    var, ones / n,
    [sum1, {"type": "eq", "fun": lambda w: w @ mu_a - 0.25, "jac": lambda w: mu_a}],
    long_only,
)
assert np.allclose(perf(w_eret), (0.25, 0.18723269942026335, 1.2284179030274036), rtol=1e-6)
w_qu = slsqp(lambda w: 0.5 * 2 * var(w) - w @ mu_a, ones / n, [sum1], long_only)
assert np.allclose(perf(w_qu), (0.3677732711751504, 0.2921342197778279, 1.1904571516463793), rtol=1e-6)

# (d) bounded and sector-capped problems (SLSQP only).
b = [(0.02, 0.1)] * n
w_mv_b = slsqp(var, ones / n, [sum1], b)
sector_tech = np.array([1.0 if s in ("GOOG", "AAPL", "FB", "AMZN", "AMD", "MA") else 0.0 for s in symbols])
w_mv_sector = slsqp(
    var, ones / n,
    [sum1, {"type": "ineq", "fun": lambda w: 0.2 - sector_tech @ w, "jac": lambda w: -sector_tech}],
    long_only,
)
y_b = slsqp(
    var, ones / n,
    [
        {"type": "eq", "fun": lambda y: y @ ex - 1, "jac": lambda y: ex},
        # y-substitution of 0.02 <= w_i <= 0.1: 0.02*k <= y_i <= 0.1*k with k = sum(y).
        {"type": "ineq", "fun": lambda y: y - 0.02 * y.sum()},
        {"type": "ineq", "fun": lambda y: 0.1 * y.sum() - y},
    ],
    [(0.0, None)] * n,
)
w_ms_b = y_b / y_b.sum()

out["optimisers"] = {
    "riskFreeRate": 0.02,
    "minVolatility": {"weights": w_cla_minvol.tolist(), "performance": perf(w_cla_minvol),
                      "source": "PyPortfolioOpt CLA.min_volatility (exact), = SLSQP to 1e-5"},
    "maxSharpe": {"weights": w_ms.tolist(), "performance": perf(w_ms),
                  "source": "scipy SLSQP ftol 1e-15 on the y-substitution; performance = test literal"},
    "efficientRisk019": {"weights": w_er.tolist(), "performance": perf(w_er)},
    "efficientReturn025": {"weights": w_eret.tolist(), "performance": perf(w_eret)},
    "quadraticUtility2": {"weights": w_qu.tolist(), "performance": perf(w_qu)},
    "minVolatilityBounds002To01": {"weights": w_mv_b.tolist(), "performance": perf(w_mv_b)},
    "maxSharpeBounds002To01": {"weights": w_ms_b.tolist(), "performance": perf(w_ms_b)},
    "minVolatilityTechCap02": {"weights": w_mv_sector.tolist(), "performance": perf(w_mv_sector),
                               "sector": sector_tech.tolist()},
    "testLiterals": {
        "minVolatility": [0.15056821399482578, 0.15915084514118694, 0.8204054077060996],
        "maxSharpe": [0.3047768672819914, 0.22165566922402932, 1.2847714127003216],
        "efficientRisk019": [0.2552422849133517, 0.19, 1.2381172871434818],
        "efficientReturn025": [0.25, 0.18723269942026335, 1.2284179030274036],
        "quadraticUtility2": [0.3677732711751504, 0.2921342197778279, 1.1904571516463793],
    },
}

# CLA (rf = 0 in PyPortfolioOpt's CLA.max_sharpe; golden section to 1e-9 between turning points).
cla2 = CLA(mu, S)
w_cla_ms = np.array([cla2.max_sharpe()[k] for k in symbols])
out["cla"] = {
    "minVolatility": w_cla_minvol.tolist(),
    "maxSharpeRf0": w_cla_ms.tolist(),
    "turningPoints": len(cla.w),
    "turningPointWeights": [np.asarray(w).reshape(-1).tolist() for w in cla.w],
}

# ---------------------------------------------------------------- HRP
rets = expected_returns.returns_from_prices(df)
hrp = {}
for method in ("single", "ward"):
    opt = HRPOpt(rets)
    w = opt.optimize(linkage_method=method)
    order = sch.to_tree(opt.clusters, rd=False).pre_order()
    hrp[method] = {
        "weights": [float(w[k]) for k in symbols],
        "order": [symbols[i] for i in order],
        "linkage": opt.clusters.tolist(),
    }
# López de Prado's variant: Euclidean distance between the columns of the distance matrix.
corr = rets.corr()
dist = np.sqrt(np.clip((1.0 - corr) / 2.0, 0.0, 1.0))
link2 = sch.linkage(ssd.pdist(dist.values, "euclidean"), "single")
order2 = sch.to_tree(link2, rd=False).pre_order()
w2 = HRPOpt._raw_hrp_allocation(rets.cov(), corr.index[order2].tolist())
hrp["singleEuclidean"] = {
    "weights": [float(w2[k]) for k in symbols],
    "order": [symbols[i] for i in order2],
    "linkage": link2.tolist(),
}
out["hrp"] = hrp

# ---------------------------------------------------------------- Black–Litterman
delta = black_litterman.market_implied_risk_aversion(spy)
delta = float(delta.iloc[0]) if hasattr(delta, "iloc") else float(delta)
prior = black_litterman.market_implied_prior_returns(MCAPS, delta, S, risk_free_rate=0.02)
# Views of PyPortfolioOpt tests/test_black_litterman.py (absolute views dict).
views = {"AAPL": 0.20, "BBY": -0.30, "BAC": 0, "SBUX": -0.2, "T": 0.131321}
bl = black_litterman.BlackLittermanModel(S, pi=prior, absolute_views=views, risk_aversion=delta)
post = bl.bl_returns()
post_cov = bl.bl_cov()
w_bl = bl.bl_weights()
confidences = [0.6, 0.45, 0.3, 0.8, 0.2]
bl_i = black_litterman.BlackLittermanModel(
    S, pi=prior, absolute_views=views, omega="idzorek", view_confidences=confidences,
    risk_aversion=delta,
)
# Relative view matrix (P, Q) with the default omega.
P = np.zeros((2, n))
P[0, symbols.index("GOOG")], P[0, symbols.index("FB")] = 1, -1
P[1, symbols.index("XOM")], P[1, symbols.index("JPM")] = 0.5, 0.5
Q = np.array([0.05, 0.1])
bl_r = black_litterman.BlackLittermanModel(S, pi=prior, P=P, Q=Q, tau=0.1)
out["blackLitterman"] = {
    "marketCaps": [MCAPS[k] for k in symbols],
    "riskAversion": delta,
    "riskFreeRate": 0.02,
    "tau": 0.05,
    "prior": vec(prior),
    "views": views,
    "posteriorReturns": vec(post),
    "posteriorCovariance": mat(post_cov),
    "weights": [float(w_bl[k]) for k in symbols],
    "omegaDefault": np.diag(bl.omega).tolist(),
    "idzorek": {
        "confidences": confidences,
        "omega": np.diag(bl_i.omega).tolist(),
        "posteriorReturns": vec(bl_i.bl_returns()),
    },
    "relative": {
        "P": P.tolist(), "Q": Q.tolist(), "tau": 0.1,
        "posteriorReturns": vec(bl_r.bl_returns()),
        "posteriorCovariance": mat(bl_r.bl_cov()),
    },
}

# ---------------------------------------------------------------- discrete allocation (greedy)
from pypfopt.discrete_allocation import DiscreteAllocation, get_latest_prices  # noqa: E402

latest = get_latest_prices(df)
alloc = {}
for name, w in (("minVolatility", w_cla_minvol), ("maxSharpe", w_ms)):
    da = DiscreteAllocation(dict(zip(symbols, [float(x) for x in w])), latest, total_portfolio_value=10000)
    a, left = da.greedy_portfolio()
    alloc[name] = {"shares": {k: int(v) for k, v in a.items()}, "leftover": float(left)}
ls_w = dict(zip(symbols, [0.3, 0.2, 0.15, -0.1, 0.25, 0, 0, 0.1, -0.05, 0, 0.05, 0, 0, 0.1, 0, 0, 0, 0, 0, 0]))
da = DiscreteAllocation(ls_w, latest, total_portfolio_value=10000, short_ratio=0.15)
a, left = da.greedy_portfolio()
alloc["longShort"] = {"weights": ls_w, "shortRatio": 0.15, "shares": {k: int(v) for k, v in a.items()}, "leftover": float(left)}
out["discreteAllocation"] = {"latestPrices": vec(latest), "total": 10000, **alloc}

# ---------------------------------------------------------------- VaR / CVaR (SPY daily returns)
r = spy["SPY"].pct_change().dropna().values
n_r = len(r)
var_out = {"n": n_r}
for cutoff in (0.01, 0.05):
    # empyrical 0.5.5 value_at_risk / conditional_value_at_risk (returns, not losses).
    e_var = float(np.percentile(r, 100 * cutoff))
    idx = int((n_r - 1) * cutoff)
    e_cvar = float(np.mean(np.partition(r, idx)[: idx + 1]))
    # Riskfolio-Lib RiskFunctions.VaR_Hist / CVaR_Hist (losses, positive).
    srt = np.sort(r)
    k = int(np.ceil(cutoff * n_r) - 1)
    rf_var = float(-srt[k])
    rf_cvar = float(-srt[k] - np.sum(srt[: k + 1] - srt[k]) / (cutoff * n_r))
    m, sd = float(np.mean(r)), float(np.std(r, ddof=1))
    z = float(sst.norm.ppf(cutoff))
    s = float(sst.skew(r))  # population skewness (bias=True)
    kx = float(sst.kurtosis(r))  # population excess kurtosis
    zcf = z + (z**2 - 1) * s / 6 + (z**3 - 3 * z) * kx / 24 - (2 * z**3 - 5 * z) * s**2 / 36
    var_out[str(cutoff)] = {
        "empyricalVaR": e_var,
        "empyricalCVaR": e_cvar,
        "riskfolioVaR": rf_var,
        "riskfolioCVaR": rf_cvar,
        "parametricVaR": -(m + z * sd),
        "parametricCVaR": -(m - sd * float(sst.norm.pdf(z)) / cutoff),
        "cornishFisherVaR": -(m + zcf * sd),
        "mean": m, "std": sd, "skew": s, "excessKurtosis": kx,
    }
out["var"] = var_out

with open(OUT, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
