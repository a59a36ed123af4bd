package dev.hdp.watcher.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StageMachineTest {
  private static final List<Stage> PIPELINE =
      List.of(
          Stage.RECEIVED,
          Stage.SCHEDULED,
          Stage.PREPROCESSING,
          Stage.PREPROCESSED,
          Stage.RUNNING_CAIRO,
          Stage.PIE_READY,
          Stage.SUBMITTED,
          Stage.FACT_PENDING,
          Stage.FACT_VALID,
          Stage.FINALIZING,
          Stage.FINALIZED);

  @Test
  void thePipelineIsTheArchitecturesOrderOneStepAtATime() {
    for (int i = 0; i + 1 < PIPELINE.size(); i++) {
      assertEquals(Optional.of(PIPELINE.get(i + 1)), PIPELINE.get(i).next());
      StageMachine.check(PIPELINE.get(i), Optional.empty(), PIPELINE.get(i + 1));
    }
    assertEquals(Optional.empty(), Stage.FINALIZED.next());
  }

  @Test
  void skippingOrGoingBackIsIllegalAndTheMessageNamesBothStages() {
    IllegalTransitionException skip =
        assertThrows(
            IllegalTransitionException.class,
            () -> StageMachine.check(Stage.PREPROCESSING, Optional.empty(), Stage.PIE_READY));
    assertEquals(Stage.PREPROCESSING, skip.from());
    assertEquals(Stage.PIE_READY, skip.to());
    assertTrue(skip.getMessage().contains("PREPROCESSING → PIE_READY"), skip.getMessage());

    for (Stage from : PIPELINE) {
      for (Stage to : PIPELINE) {
        boolean legal = from.next().equals(Optional.of(to));
        assertEquals(legal, StageMachine.isLegal(from, Optional.empty(), to), from + " → " + to);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Stage.class,
      names = {"FINALIZED", "FAILED", "CANCELLED"},
      mode = EnumSource.Mode.EXCLUDE)
  void everyStageThatIsNotFinalMayFail(Stage stage) {
    StageMachine.check(stage, Optional.empty(), Stage.FAILED);
  }

  @Test
  void finalStagesCannotFailOrMove() {
    assertThrows(
        IllegalTransitionException.class,
        () -> StageMachine.check(Stage.FINALIZED, Optional.empty(), Stage.FAILED));
    assertThrows(
        IllegalTransitionException.class,
        () -> StageMachine.check(Stage.CANCELLED, Optional.empty(), Stage.RECEIVED));
    assertThrows(
        IllegalTransitionException.class,
        () -> StageMachine.check(Stage.FAILED, Optional.of(Stage.PREPROCESSING), Stage.FAILED));
  }

  @Test
  void aRetryReentersTheFailedStageOnly() {
    StageMachine.check(Stage.FAILED, Optional.of(Stage.RUNNING_CAIRO), Stage.RUNNING_CAIRO);
    IllegalTransitionException wrong =
        assertThrows(
            IllegalTransitionException.class,
            () ->
                StageMachine.check(
                    Stage.FAILED, Optional.of(Stage.RUNNING_CAIRO), Stage.PREPROCESSED));
    assertTrue(wrong.getMessage().contains("RUNNING_CAIRO"), wrong.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> StageMachine.check(Stage.FAILED, Optional.empty(), Stage.RECEIVED));
  }

  @Test
  void cancellingIsAllowedUntilSubmission() {
    for (Stage stage : PIPELINE) {
      boolean allowed = stage.compareTo(Stage.SUBMITTED) < 0;
      assertEquals(
          allowed, StageMachine.isLegal(stage, Optional.empty(), Stage.CANCELLED), "" + stage);
      assertEquals(
          allowed,
          StageMachine.isLegal(Stage.FAILED, Optional.of(stage), Stage.CANCELLED),
          "" + stage);
    }
    assertFalse(StageMachine.isLegal(Stage.CANCELLED, Optional.empty(), Stage.CANCELLED));
  }

  @Test
  void familiesCoverEveryNonFinalStageExceptReceived() {
    for (Stage stage : Stage.values()) {
      boolean expected = !stage.isTerminal() && stage != Stage.RECEIVED;
      assertEquals(expected, StageFamily.forStage(stage).isPresent(), "" + stage);
    }
    assertEquals(StageFamily.PROVE, StageFamily.forStage(Stage.SUBMITTED).orElseThrow());
    assertTrue(StageFamily.FACT_CHECK.polled());
    assertFalse(StageFamily.FINALIZE.polled());
  }
}
