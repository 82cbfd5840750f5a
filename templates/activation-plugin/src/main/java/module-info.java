/** An rnn4j activation plug-in: {@code mish}. */
module com.example.mish {
    requires org.rnn4j.api;

    provides org.rnn4j.api.Activation with com.example.mish.Mish;
}
