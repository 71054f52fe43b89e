(func $packB (export "packB") (param $b i32) (param $bp i32) (param $bj i32) (param $k i32) (param $n i32) (param $pb i32)
  (local $bp4 i32)
  (local $bj4 i32)
  (local $j0 i32)
  (local $p i32)
  (local $src i32)
  (local $dst i32)
  (local $left i32)
  local.get $bp
  i32.const 4
  i32.mul
  local.set $bp4
  local.get $bj
  i32.const 4
  i32.mul
  local.set $bj4
  local.get $pb
  local.set $dst
  i32.const 0
  local.set $j0
  loop
    local.get $n
    local.get $j0
    i32.sub
    local.set $left
    local.get $b
    local.get $j0
    local.get $bj4
    i32.mul
    i32.add
    local.set $src
    i32.const 0
    local.set $p
    loop
      local.get $dst
      local.get $src
      local.get $bj4
      i32.const 0
      i32.mul
      i32.add
      f32.load
      f64.promote_f32
      f64.store
      i32.const 1
      local.get $left
      i32.lt_s
      if
        local.get $dst
        local.get $src
        local.get $bj4
        i32.const 1
        i32.mul
        i32.add
        f32.load
        f64.promote_f32
        f64.store offset=8
      else
        local.get $dst
        f64.const 0
        f64.store offset=8
      end
      i32.const 2
      local.get $left
      i32.lt_s
      if
        local.get $dst
        local.get $src
        local.get $bj4
        i32.const 2
        i32.mul
        i32.add
        f32.load
        f64.promote_f32
        f64.store offset=16
      else
        local.get $dst
        f64.const 0
        f64.store offset=16
      end
      i32.const 3
      local.get $left
      i32.lt_s
      if
        local.get $dst
        local.get $src
        local.get $bj4
        i32.const 3
        i32.mul
        i32.add
        f32.load
        f64.promote_f32
        f64.store offset=24
      else
        local.get $dst
        f64.const 0
        f64.store offset=24
      end
      local.get $src
      local.get $bp4
      i32.add
      local.set $src
      local.get $dst
      i32.const 32
      i32.add
      local.set $dst
      local.get $p
      i32.const 1
      i32.add
      local.tee $p
      local.get $k
      i32.lt_s
      br_if 0
    end
    local.get $j0
    i32.const 4
    i32.add
    local.tee $j0
    local.get $n
    i32.lt_s
    br_if 0
  end
)

(func $rows (export "rows") (param $a i32) (param $ai i32) (param $ap i32) (param $m i32) (param $k i32) (param $pb i32) (param $n4 i32) (param $c i32) (param $rowFrom i32) (param $rowTo i32) (param $pa i32) (param $epilogue i32) (param $bias i32) (param $mask i32)
  (local $ai4 i32)
  (local $ap4 i32)
  (local $panelBytes i32)
  (local $i i32)
  (local $r i32)
  (local $j i32)
  (local $src i32)
  (local $dst i32)
  (local $end i32)
  (local $x i32)
  (local $y i32)
  (local $out i32)
  (local $acc_0_0 v128)
  (local $acc_0_1 v128)
  (local $acc_1_0 v128)
  (local $acc_1_1 v128)
  (local $acc_2_0 v128)
  (local $acc_2_1 v128)
  (local $acc_3_0 v128)
  (local $acc_3_1 v128)
  (local $y01 v128)
  (local $y23 v128)
  (local $xr v128)
  (local $z v128)
  local.get $ai
  i32.const 4
  i32.mul
  local.set $ai4
  local.get $ap
  i32.const 4
  i32.mul
  local.set $ap4
  local.get $k
  i32.const 32
  i32.mul
  local.set $panelBytes
  local.get $rowFrom
  local.set $i
  loop
    i32.const 0
    local.set $r
    loop
      local.get $pa
      local.get $r
      i32.const 8
      i32.mul
      i32.add
      local.tee $dst
      local.get $panelBytes
      i32.add
      local.set $end
      local.get $i
      local.get $r
      i32.add
      local.get $m
      i32.lt_s
      if
        local.get $a
        local.get $i
        local.get $r
        i32.add
        local.get $ai4
        i32.mul
        i32.add
        local.set $src
        loop
          local.get $dst
          local.get $src
          f32.load
          f64.promote_f32
          f64.store
          local.get $src
          local.get $ap4
          i32.add
          local.set $src
          local.get $dst
          i32.const 32
          i32.add
          local.tee $dst
          local.get $end
          i32.lt_u
          br_if 0
        end
      else
        loop
          local.get $dst
          f64.const 0
          f64.store
          local.get $dst
          i32.const 32
          i32.add
          local.tee $dst
          local.get $end
          i32.lt_u
          br_if 0
        end
      end
      local.get $r
      i32.const 1
      i32.add
      local.tee $r
      i32.const 4
      i32.lt_s
      br_if 0
    end
    local.get $pb
    local.set $y
    i32.const 0
    local.set $j
    loop
      v128.const i64x2 0 0
      local.set $acc_0_0
      v128.const i64x2 0 0
      local.set $acc_0_1
      v128.const i64x2 0 0
      local.set $acc_1_0
      v128.const i64x2 0 0
      local.set $acc_1_1
      v128.const i64x2 0 0
      local.set $acc_2_0
      v128.const i64x2 0 0
      local.set $acc_2_1
      v128.const i64x2 0 0
      local.set $acc_3_0
      v128.const i64x2 0 0
      local.set $acc_3_1
      local.get $pa
      local.tee $x
      local.get $panelBytes
      i32.add
      local.set $end
      loop
        local.get $y
        v128.load
        local.set $y01
        local.get $y
        v128.load offset=16
        local.set $y23
        local.get $x
        v128.load64_splat
        local.set $xr
        local.get $acc_0_0
        local.get $xr
        local.get $y01
        f64x2.mul
        f64x2.add
        local.set $acc_0_0
        local.get $acc_0_1
        local.get $xr
        local.get $y23
        f64x2.mul
        f64x2.add
        local.set $acc_0_1
        local.get $x
        v128.load64_splat offset=8
        local.set $xr
        local.get $acc_1_0
        local.get $xr
        local.get $y01
        f64x2.mul
        f64x2.add
        local.set $acc_1_0
        local.get $acc_1_1
        local.get $xr
        local.get $y23
        f64x2.mul
        f64x2.add
        local.set $acc_1_1
        local.get $x
        v128.load64_splat offset=16
        local.set $xr
        local.get $acc_2_0
        local.get $xr
        local.get $y01
        f64x2.mul
        f64x2.add
        local.set $acc_2_0
        local.get $acc_2_1
        local.get $xr
        local.get $y23
        f64x2.mul
        f64x2.add
        local.set $acc_2_1
        local.get $x
        v128.load64_splat offset=24
        local.set $xr
        local.get $acc_3_0
        local.get $xr
        local.get $y01
        f64x2.mul
        f64x2.add
        local.set $acc_3_0
        local.get $acc_3_1
        local.get $xr
        local.get $y23
        f64x2.mul
        f64x2.add
        local.set $acc_3_1
        local.get $y
        i32.const 32
        i32.add
        local.set $y
        local.get $x
        i32.const 32
        i32.add
        local.tee $x
        local.get $end
        i32.lt_u
        br_if 0
      end
      local.get $c
      local.get $i
      local.get $n4
      i32.mul
      local.get $j
      i32.add
      i32.const 4
      i32.mul
      i32.add
      local.set $out
      local.get $epilogue
      i32.const 0
      i32.eq
      if
        local.get $out
        local.get $acc_0_0
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $out
        local.get $acc_0_1
        f32x4.demote_f64x2_zero
        v128.store64_lane offset=8 0
        local.get $out
        local.get $n4
        i32.const 4
        i32.mul
        i32.add
        local.set $out
        local.get $out
        local.get $acc_1_0
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $out
        local.get $acc_1_1
        f32x4.demote_f64x2_zero
        v128.store64_lane offset=8 0
        local.get $out
        local.get $n4
        i32.const 4
        i32.mul
        i32.add
        local.set $out
        local.get $out
        local.get $acc_2_0
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $out
        local.get $acc_2_1
        f32x4.demote_f64x2_zero
        v128.store64_lane offset=8 0
        local.get $out
        local.get $n4
        i32.const 4
        i32.mul
        i32.add
        local.set $out
        local.get $out
        local.get $acc_3_0
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $out
        local.get $acc_3_1
        f32x4.demote_f64x2_zero
        v128.store64_lane offset=8 0
      else
        local.get $epilogue
        i32.const 1
        i32.eq
        if
          local.get $bias
          local.get $j
          i32.const 4
          i32.mul
          i32.add
          local.tee $x
          v128.load64_zero
          f64x2.promote_low_f32x4
          local.set $y01
          local.get $x
          v128.load64_zero offset=8
          f64x2.promote_low_f32x4
          local.set $y23
          local.get $out
          local.get $acc_0_0
          f32x4.demote_f64x2_zero
          f64x2.promote_low_f32x4
          local.get $y01
          f64x2.add
          f32x4.demote_f64x2_zero
          v128.store64_lane 0
          local.get $out
          local.get $acc_0_1
          f32x4.demote_f64x2_zero
          f64x2.promote_low_f32x4
          local.get $y23
          f64x2.add
          f32x4.demote_f64x2_zero
          v128.store64_lane offset=8 0
          local.get $out
          local.get $n4
          i32.const 4
          i32.mul
          i32.add
          local.set $out
          local.get $out
          local.get $acc_1_0
          f32x4.demote_f64x2_zero
          f64x2.promote_low_f32x4
          local.get $y01
          f64x2.add
          f32x4.demote_f64x2_zero
          v128.store64_lane 0
          local.get $out
          local.get $acc_1_1
          f32x4.demote_f64x2_zero
          f64x2.promote_low_f32x4
          local.get $y23
          f64x2.add
          f32x4.demote_f64x2_zero
          v128.store64_lane offset=8 0
          local.get $out
          local.get $n4
          i32.const 4
          i32.mul
          i32.add
          local.set $out
          local.get $out
          local.get $acc_2_0
          f32x4.demote_f64x2_zero
          f64x2.promote_low_f32x4
          local.get $y01
          f64x2.add
          f32x4.demote_f64x2_zero
          v128.store64_lane 0
          local.get $out
          local.get $acc_2_1
          f32x4.demote_f64x2_zero
          f64x2.promote_low_f32x4
          local.get $y23
          f64x2.add
          f32x4.demote_f64x2_zero
          v128.store64_lane offset=8 0
          local.get $out
          local.get $n4
          i32.const 4
          i32.mul
          i32.add
          local.set $out
          local.get $out
          local.get $acc_3_0
          f32x4.demote_f64x2_zero
          f64x2.promote_low_f32x4
          local.get $y01
          f64x2.add
          f32x4.demote_f64x2_zero
          v128.store64_lane 0
          local.get $out
          local.get $acc_3_1
          f32x4.demote_f64x2_zero
          f64x2.promote_low_f32x4
          local.get $y23
          f64x2.add
          f32x4.demote_f64x2_zero
          v128.store64_lane offset=8 0
        else
          local.get $epilogue
          i32.const 2
          i32.eq
          if
            local.get $bias
            local.get $j
            i32.const 4
            i32.mul
            i32.add
            local.tee $x
            v128.load64_zero
            f64x2.promote_low_f32x4
            local.set $y01
            local.get $x
            v128.load64_zero offset=8
            f64x2.promote_low_f32x4
            local.set $y23
            local.get $out
            local.get $acc_0_0
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y01
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store64_lane 0
            local.get $out
            local.get $acc_0_1
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y23
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store64_lane offset=8 0
            local.get $out
            local.get $n4
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_1_0
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y01
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store64_lane 0
            local.get $out
            local.get $acc_1_1
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y23
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store64_lane offset=8 0
            local.get $out
            local.get $n4
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_2_0
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y01
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store64_lane 0
            local.get $out
            local.get $acc_2_1
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y23
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store64_lane offset=8 0
            local.get $out
            local.get $n4
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_3_0
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y01
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store64_lane 0
            local.get $out
            local.get $acc_3_1
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y23
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store64_lane offset=8 0
          else
            local.get $bias
            local.get $j
            i32.const 4
            i32.mul
            i32.add
            local.tee $x
            v128.load64_zero
            f64x2.promote_low_f32x4
            local.set $y01
            local.get $x
            v128.load64_zero offset=8
            f64x2.promote_low_f32x4
            local.set $y23
            local.get $out
            local.get $acc_0_0
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y01
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load64_zero
            f32x4.mul
            v128.store64_lane 0
            local.get $out
            local.get $acc_0_1
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y23
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load64_zero offset=8
            f32x4.mul
            v128.store64_lane offset=8 0
            local.get $out
            local.get $n4
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_1_0
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y01
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load64_zero
            f32x4.mul
            v128.store64_lane 0
            local.get $out
            local.get $acc_1_1
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y23
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load64_zero offset=8
            f32x4.mul
            v128.store64_lane offset=8 0
            local.get $out
            local.get $n4
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_2_0
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y01
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load64_zero
            f32x4.mul
            v128.store64_lane 0
            local.get $out
            local.get $acc_2_1
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y23
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load64_zero offset=8
            f32x4.mul
            v128.store64_lane offset=8 0
            local.get $out
            local.get $n4
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_3_0
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y01
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load64_zero
            f32x4.mul
            v128.store64_lane 0
            local.get $out
            local.get $acc_3_1
            f32x4.demote_f64x2_zero
            f64x2.promote_low_f32x4
            local.get $y23
            f64x2.add
            f32x4.demote_f64x2_zero
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load64_zero offset=8
            f32x4.mul
            v128.store64_lane offset=8 0
          end
        end
      end
      local.get $j
      i32.const 4
      i32.add
      local.tee $j
      local.get $n4
      i32.lt_s
      br_if 0
    end
    local.get $i
    i32.const 4
    i32.add
    local.tee $i
    local.get $rowTo
    i32.lt_s
    br_if 0
  end
)

(func $maskColumnSums (export "maskColumnSums") (param $gz i32) (param $y i32) (param $db i32) (param $m i32) (param $n i32) (param $mode i32) (param $dropoutMask i32)
  (local $o i32)
  (local $end i32)
  (local $j i32)
  (local $rowEnd i32)
  (local $v v128)
  (local $yy v128)
  i32.const 0
  local.set $o
  local.get $m
  local.get $n
  i32.mul
  i32.const 4
  i32.mul
  local.set $end
  loop
    local.get $o
    local.get $n
    i32.const 4
    i32.mul
    i32.add
    local.set $rowEnd
    i32.const 0
    local.set $j
    loop
      local.get $gz
      local.get $o
      i32.add
      v128.load
      local.set $v
      local.get $mode
      i32.const 2
      i32.and
      if
        local.get $v
        local.get $dropoutMask
        local.get $o
        i32.add
        v128.load
        f32x4.mul
        local.set $v
      end
      local.get $mode
      i32.const 1
      i32.and
      if
        local.get $y
        local.get $o
        i32.add
        v128.load
        local.set $yy
        local.get $v
        f32.const nan
        f32x4.splat
        f32.const 1
        f32x4.splat
        f32.const 0
        f32x4.splat
        local.get $yy
        f32.const 0
        f32x4.splat
        f32x4.gt
        v128.bitselect
        local.get $yy
        local.get $yy
        f32x4.ne
        v128.bitselect
        f32x4.mul
        local.set $v
      end
      local.get $mode
      if
        local.get $gz
        local.get $o
        i32.add
        local.get $v
        v128.store
      end
      local.get $db
      local.get $j
      i32.add
      local.get $db
      local.get $j
      i32.add
      v128.load
      local.get $v
      f32x4.add
      v128.store
      local.get $j
      i32.const 16
      i32.add
      local.set $j
      local.get $o
      i32.const 16
      i32.add
      local.tee $o
      local.get $rowEnd
      i32.lt_u
      br_if 0
    end
    local.get $o
    local.get $end
    i32.lt_u
    br_if 0
  end
)

(func $adam (export "adam") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $from i32) (param $to i32) (param $torch i32) (param $beta1 f64) (param $beta2 f64) (param $epsilon f64) (param $alpha f64) (param $stepSize f64) (param $sqrtBiasCorrection2 f64)
  (local $o i32)
  (local $b1 v128)
  (local $b2 v128)
  (local $c1 v128)
  (local $c2 v128)
  (local $eps v128)
  (local $scale v128)
  (local $root v128)
  (local $gi v128)
  (local $mi v128)
  (local $vi v128)
  local.get $beta1
  f64x2.splat
  local.set $b1
  local.get $beta2
  f64x2.splat
  local.set $b2
  f64.const 1
  local.get $beta1
  f64.sub
  f64x2.splat
  local.set $c1
  f64.const 1
  local.get $beta2
  f64.sub
  f64x2.splat
  local.set $c2
  local.get $epsilon
  f64x2.splat
  local.set $eps
  local.get $sqrtBiasCorrection2
  f64x2.splat
  local.set $root
  local.get $from
  local.get $to
  i32.lt_s
  if
    local.get $torch
    if
      local.get $stepSize
      f64.neg
      f64x2.splat
      local.set $scale
      local.get $from
      local.set $o
      loop
        local.get $g
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $b1
        f64x2.mul
        local.get $c1
        local.get $gi
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        local.set $mi
        local.get $v
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $b2
        f64x2.mul
        local.get $c2
        local.get $gi
        f64x2.mul
        local.get $gi
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        local.set $vi
        local.get $m
        local.get $o
        i32.add
        local.get $mi
        v128.store64_lane 0
        local.get $v
        local.get $o
        i32.add
        local.get $vi
        v128.store64_lane 0
        local.get $p
        local.get $o
        i32.add
        local.get $p
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $scale
        local.get $mi
        f64x2.promote_low_f32x4
        f64x2.mul
        local.get $vi
        f64x2.promote_low_f32x4
        f64x2.sqrt
        local.get $root
        f64x2.div
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $o
        i32.const 8
        i32.add
        local.tee $o
        local.get $to
        i32.lt_s
        br_if 0
      end
    else
      local.get $alpha
      f64x2.splat
      local.set $scale
      local.get $from
      local.set $o
      loop
        local.get $g
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $b1
        f64x2.mul
        local.get $c1
        local.get $gi
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        local.set $mi
        local.get $v
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $b2
        f64x2.mul
        local.get $c2
        local.get $gi
        f64x2.mul
        local.get $gi
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        local.set $vi
        local.get $m
        local.get $o
        i32.add
        local.get $mi
        v128.store64_lane 0
        local.get $v
        local.get $o
        i32.add
        local.get $vi
        v128.store64_lane 0
        local.get $p
        local.get $o
        i32.add
        local.get $p
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $mi
        f64x2.promote_low_f32x4
        local.get $scale
        f64x2.mul
        local.get $vi
        f64x2.promote_low_f32x4
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.sub
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $o
        i32.const 8
        i32.add
        local.tee $o
        local.get $to
        i32.lt_s
        br_if 0
      end
    end
  end
)

(func $packB32 (export "packB32") (param $b i32) (param $bp i32) (param $bj i32) (param $k i32) (param $n i32) (param $pb i32)
  (local $bp4 i32)
  (local $bj4 i32)
  (local $j0 i32)
  (local $p i32)
  (local $src i32)
  (local $dst i32)
  (local $left i32)
  local.get $bp
  i32.const 4
  i32.mul
  local.set $bp4
  local.get $bj
  i32.const 4
  i32.mul
  local.set $bj4
  local.get $pb
  local.set $dst
  i32.const 0
  local.set $j0
  loop
    local.get $n
    local.get $j0
    i32.sub
    local.set $left
    local.get $b
    local.get $j0
    local.get $bj4
    i32.mul
    i32.add
    local.set $src
    i32.const 0
    local.set $p
    local.get $bj
    i32.const 1
    i32.eq
    i32.const 7
    local.get $left
    i32.lt_s
    i32.and
    if
      loop
        local.get $dst
        local.get $src
        v128.load
        v128.store
        local.get $dst
        local.get $src
        v128.load offset=16
        v128.store offset=16
        local.get $src
        local.get $bp4
        i32.add
        local.set $src
        local.get $dst
        i32.const 32
        i32.add
        local.set $dst
        local.get $p
        i32.const 1
        i32.add
        local.tee $p
        local.get $k
        i32.lt_s
        br_if 0
      end
    else
      loop
        local.get $dst
        local.get $src
        local.get $bj4
        i32.const 0
        i32.mul
        i32.add
        f32.load
        f32.store
        i32.const 1
        local.get $left
        i32.lt_s
        if
          local.get $dst
          local.get $src
          local.get $bj4
          i32.const 1
          i32.mul
          i32.add
          f32.load
          f32.store offset=4
        else
          local.get $dst
          f32.const 0
          f32.store offset=4
        end
        i32.const 2
        local.get $left
        i32.lt_s
        if
          local.get $dst
          local.get $src
          local.get $bj4
          i32.const 2
          i32.mul
          i32.add
          f32.load
          f32.store offset=8
        else
          local.get $dst
          f32.const 0
          f32.store offset=8
        end
        i32.const 3
        local.get $left
        i32.lt_s
        if
          local.get $dst
          local.get $src
          local.get $bj4
          i32.const 3
          i32.mul
          i32.add
          f32.load
          f32.store offset=12
        else
          local.get $dst
          f32.const 0
          f32.store offset=12
        end
        i32.const 4
        local.get $left
        i32.lt_s
        if
          local.get $dst
          local.get $src
          local.get $bj4
          i32.const 4
          i32.mul
          i32.add
          f32.load
          f32.store offset=16
        else
          local.get $dst
          f32.const 0
          f32.store offset=16
        end
        i32.const 5
        local.get $left
        i32.lt_s
        if
          local.get $dst
          local.get $src
          local.get $bj4
          i32.const 5
          i32.mul
          i32.add
          f32.load
          f32.store offset=20
        else
          local.get $dst
          f32.const 0
          f32.store offset=20
        end
        i32.const 6
        local.get $left
        i32.lt_s
        if
          local.get $dst
          local.get $src
          local.get $bj4
          i32.const 6
          i32.mul
          i32.add
          f32.load
          f32.store offset=24
        else
          local.get $dst
          f32.const 0
          f32.store offset=24
        end
        i32.const 7
        local.get $left
        i32.lt_s
        if
          local.get $dst
          local.get $src
          local.get $bj4
          i32.const 7
          i32.mul
          i32.add
          f32.load
          f32.store offset=28
        else
          local.get $dst
          f32.const 0
          f32.store offset=28
        end
        local.get $src
        local.get $bp4
        i32.add
        local.set $src
        local.get $dst
        i32.const 32
        i32.add
        local.set $dst
        local.get $p
        i32.const 1
        i32.add
        local.tee $p
        local.get $k
        i32.lt_s
        br_if 0
      end
    end
    local.get $j0
    i32.const 8
    i32.add
    local.tee $j0
    local.get $n
    i32.lt_s
    br_if 0
  end
)

(func $rows32 (export "rows32") (param $a i32) (param $ai i32) (param $ap i32) (param $m i32) (param $k i32) (param $pb i32) (param $n8 i32) (param $c i32) (param $rowFrom i32) (param $rowTo i32) (param $pa i32) (param $epilogue i32) (param $bias i32) (param $mask i32)
  (local $ai4 i32)
  (local $ap4 i32)
  (local $panelBytes i32)
  (local $i i32)
  (local $r i32)
  (local $j i32)
  (local $src i32)
  (local $dst i32)
  (local $end i32)
  (local $x i32)
  (local $y i32)
  (local $out i32)
  (local $acc_0_0 v128)
  (local $acc_0_1 v128)
  (local $acc_1_0 v128)
  (local $acc_1_1 v128)
  (local $acc_2_0 v128)
  (local $acc_2_1 v128)
  (local $acc_3_0 v128)
  (local $acc_3_1 v128)
  (local $y0 v128)
  (local $y1 v128)
  (local $xr v128)
  (local $z v128)
  local.get $ai
  i32.const 4
  i32.mul
  local.set $ai4
  local.get $ap
  i32.const 4
  i32.mul
  local.set $ap4
  local.get $k
  i32.const 16
  i32.mul
  local.set $panelBytes
  local.get $rowFrom
  local.set $i
  loop
    local.get $ai
    i32.const 1
    i32.eq
    local.get $i
    i32.const 3
    i32.add
    local.get $m
    i32.lt_s
    i32.and
    if
      local.get $a
      local.get $i
      i32.const 4
      i32.mul
      i32.add
      local.set $src
      local.get $pa
      local.tee $dst
      local.get $panelBytes
      i32.add
      local.set $end
      loop
        local.get $dst
        local.get $src
        v128.load
        v128.store
        local.get $src
        local.get $ap4
        i32.add
        local.set $src
        local.get $dst
        i32.const 16
        i32.add
        local.tee $dst
        local.get $end
        i32.lt_u
        br_if 0
      end
    else
      i32.const 0
      local.set $r
      loop
        local.get $pa
        local.get $r
        i32.const 4
        i32.mul
        i32.add
        local.tee $dst
        local.get $panelBytes
        i32.add
        local.set $end
        local.get $i
        local.get $r
        i32.add
        local.get $m
        i32.lt_s
        if
          local.get $a
          local.get $i
          local.get $r
          i32.add
          local.get $ai4
          i32.mul
          i32.add
          local.set $src
          loop
            local.get $dst
            local.get $src
            f32.load
            f32.store
            local.get $src
            local.get $ap4
            i32.add
            local.set $src
            local.get $dst
            i32.const 16
            i32.add
            local.tee $dst
            local.get $end
            i32.lt_u
            br_if 0
          end
        else
          loop
            local.get $dst
            f32.const 0
            f32.store
            local.get $dst
            i32.const 16
            i32.add
            local.tee $dst
            local.get $end
            i32.lt_u
            br_if 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.tee $r
        i32.const 4
        i32.lt_s
        br_if 0
      end
    end
    local.get $pb
    local.set $y
    i32.const 0
    local.set $j
    loop
      v128.const i64x2 0 0
      local.set $acc_0_0
      v128.const i64x2 0 0
      local.set $acc_0_1
      v128.const i64x2 0 0
      local.set $acc_1_0
      v128.const i64x2 0 0
      local.set $acc_1_1
      v128.const i64x2 0 0
      local.set $acc_2_0
      v128.const i64x2 0 0
      local.set $acc_2_1
      v128.const i64x2 0 0
      local.set $acc_3_0
      v128.const i64x2 0 0
      local.set $acc_3_1
      local.get $pa
      local.tee $x
      local.get $panelBytes
      i32.add
      local.set $end
      loop
        local.get $y
        v128.load
        local.set $y0
        local.get $y
        v128.load offset=16
        local.set $y1
        local.get $x
        v128.load32_splat
        local.set $xr
        local.get $acc_0_0
        local.get $xr
        local.get $y0
        f32x4.mul
        f32x4.add
        local.set $acc_0_0
        local.get $acc_0_1
        local.get $xr
        local.get $y1
        f32x4.mul
        f32x4.add
        local.set $acc_0_1
        local.get $x
        v128.load32_splat offset=4
        local.set $xr
        local.get $acc_1_0
        local.get $xr
        local.get $y0
        f32x4.mul
        f32x4.add
        local.set $acc_1_0
        local.get $acc_1_1
        local.get $xr
        local.get $y1
        f32x4.mul
        f32x4.add
        local.set $acc_1_1
        local.get $x
        v128.load32_splat offset=8
        local.set $xr
        local.get $acc_2_0
        local.get $xr
        local.get $y0
        f32x4.mul
        f32x4.add
        local.set $acc_2_0
        local.get $acc_2_1
        local.get $xr
        local.get $y1
        f32x4.mul
        f32x4.add
        local.set $acc_2_1
        local.get $x
        v128.load32_splat offset=12
        local.set $xr
        local.get $acc_3_0
        local.get $xr
        local.get $y0
        f32x4.mul
        f32x4.add
        local.set $acc_3_0
        local.get $acc_3_1
        local.get $xr
        local.get $y1
        f32x4.mul
        f32x4.add
        local.set $acc_3_1
        local.get $y
        i32.const 32
        i32.add
        local.set $y
        local.get $x
        i32.const 16
        i32.add
        local.tee $x
        local.get $end
        i32.lt_u
        br_if 0
      end
      local.get $c
      local.get $i
      local.get $n8
      i32.mul
      local.get $j
      i32.add
      i32.const 4
      i32.mul
      i32.add
      local.set $out
      local.get $epilogue
      i32.const 0
      i32.eq
      if
        local.get $out
        local.get $acc_0_0
        v128.store
        local.get $out
        local.get $acc_0_1
        v128.store offset=16
        local.get $out
        local.get $n8
        i32.const 4
        i32.mul
        i32.add
        local.set $out
        local.get $out
        local.get $acc_1_0
        v128.store
        local.get $out
        local.get $acc_1_1
        v128.store offset=16
        local.get $out
        local.get $n8
        i32.const 4
        i32.mul
        i32.add
        local.set $out
        local.get $out
        local.get $acc_2_0
        v128.store
        local.get $out
        local.get $acc_2_1
        v128.store offset=16
        local.get $out
        local.get $n8
        i32.const 4
        i32.mul
        i32.add
        local.set $out
        local.get $out
        local.get $acc_3_0
        v128.store
        local.get $out
        local.get $acc_3_1
        v128.store offset=16
      else
        local.get $epilogue
        i32.const 1
        i32.eq
        if
          local.get $bias
          local.get $j
          i32.const 4
          i32.mul
          i32.add
          local.tee $x
          v128.load
          local.set $y0
          local.get $x
          v128.load offset=16
          local.set $y1
          local.get $out
          local.get $acc_0_0
          local.get $y0
          f32x4.add
          v128.store
          local.get $out
          local.get $acc_0_1
          local.get $y1
          f32x4.add
          v128.store offset=16
          local.get $out
          local.get $n8
          i32.const 4
          i32.mul
          i32.add
          local.set $out
          local.get $out
          local.get $acc_1_0
          local.get $y0
          f32x4.add
          v128.store
          local.get $out
          local.get $acc_1_1
          local.get $y1
          f32x4.add
          v128.store offset=16
          local.get $out
          local.get $n8
          i32.const 4
          i32.mul
          i32.add
          local.set $out
          local.get $out
          local.get $acc_2_0
          local.get $y0
          f32x4.add
          v128.store
          local.get $out
          local.get $acc_2_1
          local.get $y1
          f32x4.add
          v128.store offset=16
          local.get $out
          local.get $n8
          i32.const 4
          i32.mul
          i32.add
          local.set $out
          local.get $out
          local.get $acc_3_0
          local.get $y0
          f32x4.add
          v128.store
          local.get $out
          local.get $acc_3_1
          local.get $y1
          f32x4.add
          v128.store offset=16
        else
          local.get $epilogue
          i32.const 2
          i32.eq
          if
            local.get $bias
            local.get $j
            i32.const 4
            i32.mul
            i32.add
            local.tee $x
            v128.load
            local.set $y0
            local.get $x
            v128.load offset=16
            local.set $y1
            local.get $out
            local.get $acc_0_0
            local.get $y0
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store
            local.get $out
            local.get $acc_0_1
            local.get $y1
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store offset=16
            local.get $out
            local.get $n8
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_1_0
            local.get $y0
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store
            local.get $out
            local.get $acc_1_1
            local.get $y1
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store offset=16
            local.get $out
            local.get $n8
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_2_0
            local.get $y0
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store
            local.get $out
            local.get $acc_2_1
            local.get $y1
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store offset=16
            local.get $out
            local.get $n8
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_3_0
            local.get $y0
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store
            local.get $out
            local.get $acc_3_1
            local.get $y1
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            v128.store offset=16
          else
            local.get $bias
            local.get $j
            i32.const 4
            i32.mul
            i32.add
            local.tee $x
            v128.load
            local.set $y0
            local.get $x
            v128.load offset=16
            local.set $y1
            local.get $out
            local.get $acc_0_0
            local.get $y0
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load
            f32x4.mul
            v128.store
            local.get $out
            local.get $acc_0_1
            local.get $y1
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load offset=16
            f32x4.mul
            v128.store offset=16
            local.get $out
            local.get $n8
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_1_0
            local.get $y0
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load
            f32x4.mul
            v128.store
            local.get $out
            local.get $acc_1_1
            local.get $y1
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load offset=16
            f32x4.mul
            v128.store offset=16
            local.get $out
            local.get $n8
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_2_0
            local.get $y0
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load
            f32x4.mul
            v128.store
            local.get $out
            local.get $acc_2_1
            local.get $y1
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load offset=16
            f32x4.mul
            v128.store offset=16
            local.get $out
            local.get $n8
            i32.const 4
            i32.mul
            i32.add
            local.set $out
            local.get $out
            local.get $acc_3_0
            local.get $y0
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load
            f32x4.mul
            v128.store
            local.get $out
            local.get $acc_3_1
            local.get $y1
            f32x4.add
            local.tee $z
            local.get $z
            v128.const i64x2 0 0
            f32x4.le
            v128.andnot
            local.get $out
            local.get $c
            i32.sub
            local.get $mask
            i32.add
            v128.load offset=16
            f32x4.mul
            v128.store offset=16
          end
        end
      end
      local.get $j
      i32.const 8
      i32.add
      local.tee $j
      local.get $n8
      i32.lt_s
      br_if 0
    end
    local.get $i
    i32.const 4
    i32.add
    local.tee $i
    local.get $rowTo
    i32.lt_s
    br_if 0
  end
)

(func $gatherRows (export "gatherRows") (param $from i32) (param $indices i32) (param $count i32) (param $rowBytes i32) (param $to i32)
  (local $index i32)
  (local $end i32)
  (local $src i32)
  (local $dst i32)
  (local $rowEnd i32)
  local.get $indices
  local.tee $index
  local.get $count
  i32.const 4
  i32.mul
  i32.add
  local.set $end
  local.get $count
  if
    loop
      local.get $from
      local.get $index
      i32.load
      local.get $rowBytes
      i32.mul
      i32.add
      local.set $src
      local.get $to
      local.set $dst
      local.get $src
      local.get $rowBytes
      i32.add
      local.set $rowEnd
      loop
        local.get $dst
        local.get $src
        v128.load
        v128.store
        local.get $dst
        i32.const 16
        i32.add
        local.set $dst
        local.get $src
        i32.const 16
        i32.add
        local.tee $src
        local.get $rowEnd
        i32.lt_u
        br_if 0
      end
      local.get $to
      local.get $rowBytes
      i32.add
      local.set $to
      local.get $index
      i32.const 4
      i32.add
      local.tee $index
      local.get $end
      i32.lt_u
      br_if 0
    end
  end
)

(func $scatterAddRows (export "scatterAddRows") (param $from i32) (param $indices i32) (param $count i32) (param $rowBytes i32) (param $to i32)
  (local $index i32)
  (local $end i32)
  (local $src i32)
  (local $dst i32)
  (local $rowEnd i32)
  local.get $indices
  local.tee $index
  local.get $count
  i32.const 4
  i32.mul
  i32.add
  local.set $end
  local.get $count
  if
    loop
      local.get $from
      local.set $src
      local.get $to
      local.get $index
      i32.load
      local.get $rowBytes
      i32.mul
      i32.add
      local.set $dst
      local.get $src
      local.get $rowBytes
      i32.add
      local.set $rowEnd
      loop
        local.get $dst
        local.get $src
        v128.load
        local.get $dst
        v128.load
        f32x4.add
        v128.store
        local.get $dst
        i32.const 16
        i32.add
        local.set $dst
        local.get $src
        i32.const 16
        i32.add
        local.tee $src
        local.get $rowEnd
        i32.lt_u
        br_if 0
      end
      local.get $from
      local.get $rowBytes
      i32.add
      local.set $from
      local.get $index
      i32.const 4
      i32.add
      local.tee $index
      local.get $end
      i32.lt_u
      br_if 0
    end
  end
)

(func $copyBlocks (export "copyBlocks") (param $src i32) (param $srcStride i32) (param $out i32) (param $outStride i32) (param $blocks i32) (param $blockBytes i32)
  (local $from i32)
  (local $to i32)
  (local $end i32)
  local.get $blocks
  local.get $blockBytes
  i32.mul
  if
    loop
      local.get $src
      local.tee $from
      local.get $blockBytes
      i32.add
      local.set $end
      local.get $out
      local.set $to
      loop
        local.get $to
        local.get $from
        v128.load
        v128.store
        local.get $to
        i32.const 16
        i32.add
        local.set $to
        local.get $from
        i32.const 16
        i32.add
        local.tee $from
        local.get $end
        i32.lt_u
        br_if 0
      end
      local.get $src
      local.get $srcStride
      i32.add
      local.set $src
      local.get $out
      local.get $outStride
      i32.add
      local.set $out
      local.get $blocks
      i32.const 1
      i32.sub
      local.tee $blocks
      br_if 0
    end
  end
)

(func $multiply (export "multiply") (param $a i32) (param $b i32) (param $out i32) (param $bytes i32)
  (local $end i32)
  local.get $bytes
  if
    local.get $out
    local.get $bytes
    i32.add
    local.set $end
    loop
      local.get $out
      local.get $a
      v128.load
      local.get $b
      v128.load
      f32x4.mul
      v128.store
      local.get $a
      i32.const 16
      i32.add
      local.set $a
      local.get $b
      i32.const 16
      i32.add
      local.set $b
      local.get $out
      i32.const 16
      i32.add
      local.tee $out
      local.get $end
      i32.lt_u
      br_if 0
    end
  end
)

(func $sparseAdam (export "sparseAdam") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $rows i32) (param $from i32) (param $to i32) (param $rowBytes i32) (param $beta1 f64) (param $beta2 f64) (param $epsilon f64) (param $stepSize f64)
  (local $i i32)
  (local $o i32)
  (local $end i32)
  (local $groupsEnd i32)
  (local $o1 i32)
  (local $o2 i32)
  (local $o3 i32)
  (local $o4 i32)
  (local $o5 i32)
  (local $o6 i32)
  (local $o7 i32)
  (local $c1 v128)
  (local $c2 v128)
  (local $eps v128)
  (local $negStep v128)
  (local $gi v128)
  (local $mOld v128)
  (local $vOld v128)
  (local $mInc v128)
  (local $vInc v128)
  f64.const 1
  local.get $beta1
  f64.sub
  f64x2.splat
  local.set $c1
  f64.const 1
  local.get $beta2
  f64.sub
  f64x2.splat
  local.set $c2
  local.get $epsilon
  f64x2.splat
  local.set $eps
  local.get $stepSize
  f64.neg
  f64x2.splat
  local.set $negStep
  local.get $from
  local.set $i
  local.get $to
  i32.const 7
  i32.sub
  local.set $groupsEnd
  local.get $i
  local.get $groupsEnd
  i32.lt_s
  if
    loop
      local.get $rows
      local.get $i
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o
      local.get $rows
      local.get $i
      i32.const 1
      i32.add
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o1
      local.get $rows
      local.get $i
      i32.const 2
      i32.add
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o2
      local.get $rows
      local.get $i
      i32.const 3
      i32.add
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o3
      local.get $rows
      local.get $i
      i32.const 4
      i32.add
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o4
      local.get $rows
      local.get $i
      i32.const 5
      i32.add
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o5
      local.get $rows
      local.get $i
      i32.const 6
      i32.add
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o6
      local.get $rows
      local.get $i
      i32.const 7
      i32.add
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o7
      local.get $o
      local.get $rowBytes
      i32.add
      local.set $end
      loop
        local.get $g
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o
        i32.add
        local.get $p
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $g
        local.get $o1
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o1
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o1
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o1
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o1
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o1
        i32.add
        local.get $p
        local.get $o1
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $g
        local.get $o2
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o2
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o2
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o2
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o2
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o2
        i32.add
        local.get $p
        local.get $o2
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $g
        local.get $o3
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o3
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o3
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o3
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o3
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o3
        i32.add
        local.get $p
        local.get $o3
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $g
        local.get $o4
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o4
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o4
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o4
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o4
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o4
        i32.add
        local.get $p
        local.get $o4
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $g
        local.get $o5
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o5
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o5
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o5
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o5
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o5
        i32.add
        local.get $p
        local.get $o5
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $g
        local.get $o6
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o6
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o6
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o6
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o6
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o6
        i32.add
        local.get $p
        local.get $o6
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $g
        local.get $o7
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o7
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o7
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o7
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o7
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o7
        i32.add
        local.get $p
        local.get $o7
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $o1
        i32.const 8
        i32.add
        local.set $o1
        local.get $o2
        i32.const 8
        i32.add
        local.set $o2
        local.get $o3
        i32.const 8
        i32.add
        local.set $o3
        local.get $o4
        i32.const 8
        i32.add
        local.set $o4
        local.get $o5
        i32.const 8
        i32.add
        local.set $o5
        local.get $o6
        i32.const 8
        i32.add
        local.set $o6
        local.get $o7
        i32.const 8
        i32.add
        local.set $o7
        local.get $o
        i32.const 8
        i32.add
        local.tee $o
        local.get $end
        i32.lt_u
        br_if 0
      end
      local.get $i
      i32.const 8
      i32.add
      local.tee $i
      local.get $groupsEnd
      i32.lt_s
      br_if 0
    end
  end
  local.get $i
  local.get $to
  i32.lt_s
  if
    loop
      local.get $rows
      local.get $i
      i32.const 4
      i32.mul
      i32.add
      i32.load
      local.get $rowBytes
      i32.mul
      local.set $o
      local.get $o
      local.get $rowBytes
      i32.add
      local.set $end
      loop
        local.get $g
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $gi
        local.get $m
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $mOld
        local.get $v
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.set $vOld
        local.get $gi
        local.get $mOld
        f64x2.sub
        local.get $c1
        f64x2.mul
        local.set $mInc
        local.get $gi
        local.get $gi
        f64x2.mul
        local.get $vOld
        f64x2.sub
        local.get $c2
        f64x2.mul
        local.set $vInc
        local.get $m
        local.get $o
        i32.add
        local.get $mOld
        local.get $mInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $v
        local.get $o
        i32.add
        local.get $vOld
        local.get $vInc
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $p
        local.get $o
        i32.add
        local.get $p
        local.get $o
        i32.add
        v128.load64_zero
        f64x2.promote_low_f32x4
        local.get $negStep
        local.get $mInc
        local.get $mOld
        f64x2.add
        local.get $vInc
        local.get $vOld
        f64x2.add
        f64x2.sqrt
        local.get $eps
        f64x2.add
        f64x2.div
        f64x2.mul
        f64x2.add
        f32x4.demote_f64x2_zero
        v128.store64_lane 0
        local.get $o
        i32.const 8
        i32.add
        local.tee $o
        local.get $end
        i32.lt_u
        br_if 0
      end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $to
      i32.lt_s
      br_if 0
    end
  end
)

(func $zero (export "zero") (param $out i32) (param $bytes i32)
  (local $end i32)
  local.get $bytes
  if
    local.get $out
    local.get $bytes
    i32.add
    local.set $end
    loop
      local.get $out
      f32.const 0
      f32x4.splat
      v128.store
      local.get $out
      i32.const 16
      i32.add
      local.tee $out
      local.get $end
      i32.lt_u
      br_if 0
    end
  end
)

(func $keepMask (export "keepMask") (param $state i32) (param $count i32) (param $threshold f64) (param $keepBits i32) (param $out i32)
  (local $s0 i32)
  (local $s1 i32)
  (local $s2 i32)
  (local $c i32)
  (local $end i32)
  (local $x i64)
  (local $t i64)
  local.get $state
  i32.load
  local.set $s0
  local.get $state
  i32.load offset=4
  local.set $s1
  local.get $state
  i32.load offset=8
  local.set $s2
  local.get $state
  i32.load offset=12
  local.set $c
  local.get $threshold
  i64.trunc_f64_u
  local.set $t
  local.get $out
  local.get $count
  i32.const 4
  i32.mul
  i32.add
  local.set $end
  local.get $count
  if
    loop
      i64.const 2091639
      local.get $s0
      i64.extend_i32_u
      i64.mul
      local.get $c
      i64.extend_i32_u
      i64.add
      local.set $x
      local.get $s1
      local.set $s0
      local.get $s2
      local.set $s1
      local.get $x
      i64.const 32
      i64.shr_u
      i32.wrap_i64
      local.set $c
      local.get $x
      i32.wrap_i64
      local.set $s2
      local.get $out
      local.get $keepBits
      i32.const 0
      local.get $s2
      i64.extend_i32_u
      local.get $t
      i64.ge_u
      i32.sub
      i32.and
      i32.store
      local.get $out
      i32.const 4
      i32.add
      local.tee $out
      local.get $end
      i32.lt_u
      br_if 0
    end
  end
  local.get $state
  local.get $s0
  i32.store
  local.get $state
  local.get $s1
  i32.store offset=4
  local.get $state
  local.get $s2
  i32.store offset=8
  local.get $state
  local.get $c
  i32.store offset=12
)

(func $maskColumnSumsFrom (export "maskColumnSumsFrom") (param $g i32) (param $gz i32) (param $y i32) (param $db i32) (param $m i32) (param $n i32) (param $mode i32) (param $dropoutMask i32)
  (local $o i32)
  (local $end i32)
  (local $j i32)
  (local $rowEnd i32)
  (local $v v128)
  (local $yy v128)
  i32.const 0
  local.set $o
  local.get $m
  local.get $n
  i32.mul
  i32.const 4
  i32.mul
  local.set $end
  loop
    local.get $o
    local.get $n
    i32.const 4
    i32.mul
    i32.add
    local.set $rowEnd
    i32.const 0
    local.set $j
    loop
      local.get $g
      local.get $o
      i32.add
      v128.load
      local.set $v
      local.get $mode
      i32.const 2
      i32.and
      if
        local.get $v
        local.get $dropoutMask
        local.get $o
        i32.add
        v128.load
        f32x4.mul
        local.set $v
      end
      local.get $mode
      i32.const 1
      i32.and
      if
        local.get $y
        local.get $o
        i32.add
        v128.load
        local.set $yy
        local.get $v
        f32.const nan
        f32x4.splat
        f32.const 1
        f32x4.splat
        f32.const 0
        f32x4.splat
        local.get $yy
        f32.const 0
        f32x4.splat
        f32x4.gt
        v128.bitselect
        local.get $yy
        local.get $yy
        f32x4.ne
        v128.bitselect
        f32x4.mul
        local.set $v
      end
      local.get $gz
      local.get $o
      i32.add
      local.get $v
      v128.store
      local.get $db
      local.get $j
      i32.add
      local.get $db
      local.get $j
      i32.add
      v128.load
      local.get $v
      f32x4.add
      v128.store
      local.get $j
      i32.const 16
      i32.add
      local.set $j
      local.get $o
      i32.const 16
      i32.add
      local.tee $o
      local.get $rowEnd
      i32.lt_u
      br_if 0
    end
    local.get $o
    local.get $end
    i32.lt_u
    br_if 0
  end
)

(func $matvec32 (export "matvec32") (param $a i32) (param $ai i32) (param $ap i32) (param $m i32) (param $k i32) (param $b i32) (param $c i32)
  (local $i i32)
  (local $ai4 i32)
  (local $ap4 i32)
  (local $bp i32)
  (local $bEnd i32)
  (local $last i32)
  (local $x f32)
  (local $at0 i32)
  (local $s0 f32)
  (local $at1 i32)
  (local $s1 f32)
  (local $at2 i32)
  (local $s2 f32)
  (local $at3 i32)
  (local $s3 f32)
  local.get $ai
  i32.const 4
  i32.mul
  local.set $ai4
  local.get $ap
  i32.const 4
  i32.mul
  local.set $ap4
  local.get $b
  local.get $k
  i32.const 4
  i32.mul
  i32.add
  local.set $bEnd
  i32.const 0
  local.set $i
  local.get $m
  i32.const 3
  i32.sub
  local.set $last
  local.get $i
  local.get $last
  i32.lt_s
  if
    loop
      local.get $a
      local.get $i
      i32.const 0
      i32.add
      local.get $ai4
      i32.mul
      i32.add
      local.set $at0
      f32.const 0
      local.set $s0
      local.get $a
      local.get $i
      i32.const 1
      i32.add
      local.get $ai4
      i32.mul
      i32.add
      local.set $at1
      f32.const 0
      local.set $s1
      local.get $a
      local.get $i
      i32.const 2
      i32.add
      local.get $ai4
      i32.mul
      i32.add
      local.set $at2
      f32.const 0
      local.set $s2
      local.get $a
      local.get $i
      i32.const 3
      i32.add
      local.get $ai4
      i32.mul
      i32.add
      local.set $at3
      f32.const 0
      local.set $s3
      local.get $b
      local.set $bp
      loop
        local.get $bp
        f32.load
        local.set $x
        local.get $s0
        local.get $at0
        f32.load
        local.get $x
        f32.mul
        f32.add
        local.set $s0
        local.get $at0
        local.get $ap4
        i32.add
        local.set $at0
        local.get $s1
        local.get $at1
        f32.load
        local.get $x
        f32.mul
        f32.add
        local.set $s1
        local.get $at1
        local.get $ap4
        i32.add
        local.set $at1
        local.get $s2
        local.get $at2
        f32.load
        local.get $x
        f32.mul
        f32.add
        local.set $s2
        local.get $at2
        local.get $ap4
        i32.add
        local.set $at2
        local.get $s3
        local.get $at3
        f32.load
        local.get $x
        f32.mul
        f32.add
        local.set $s3
        local.get $at3
        local.get $ap4
        i32.add
        local.set $at3
        local.get $bp
        i32.const 4
        i32.add
        local.tee $bp
        local.get $bEnd
        i32.lt_u
        br_if 0
      end
      local.get $c
      local.get $i
      i32.const 0
      i32.add
      i32.const 4
      i32.mul
      i32.add
      local.get $s0
      f32.store
      local.get $c
      local.get $i
      i32.const 1
      i32.add
      i32.const 4
      i32.mul
      i32.add
      local.get $s1
      f32.store
      local.get $c
      local.get $i
      i32.const 2
      i32.add
      i32.const 4
      i32.mul
      i32.add
      local.get $s2
      f32.store
      local.get $c
      local.get $i
      i32.const 3
      i32.add
      i32.const 4
      i32.mul
      i32.add
      local.get $s3
      f32.store
      local.get $i
      i32.const 4
      i32.add
      local.set $i
      local.get $i
      local.get $last
      i32.lt_s
      br_if 0
    end
  end
  local.get $i
  local.get $m
  i32.lt_s
  if
    loop
      local.get $a
      local.get $i
      i32.const 0
      i32.add
      local.get $ai4
      i32.mul
      i32.add
      local.set $at0
      f32.const 0
      local.set $s0
      local.get $b
      local.set $bp
      loop
        local.get $bp
        f32.load
        local.set $x
        local.get $s0
        local.get $at0
        f32.load
        local.get $x
        f32.mul
        f32.add
        local.set $s0
        local.get $at0
        local.get $ap4
        i32.add
        local.set $at0
        local.get $bp
        i32.const 4
        i32.add
        local.tee $bp
        local.get $bEnd
        i32.lt_u
        br_if 0
      end
      local.get $c
      local.get $i
      i32.const 0
      i32.add
      i32.const 4
      i32.mul
      i32.add
      local.get $s0
      f32.store
      local.get $i
      i32.const 1
      i32.add
      local.set $i
      local.get $i
      local.get $m
      i32.lt_s
      br_if 0
    end
  end
)
